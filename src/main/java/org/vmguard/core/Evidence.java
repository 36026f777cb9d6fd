package org.vmguard.core;

/**
 * What a finding rests on: a line of a file on the target, the output of a command, or a
 * documented default. Paths are paths on the target (for a root filesystem, relative to its root,
 * with a leading slash). {@code line} is 0 when no line applies.
 */
public record Evidence(String path, int line, String text, String command) {

    /** Text quoted from the target beyond this is cut: a hostile 10 MB line made a 40 MB report. */
    public static final int MAX_TEXT = 4096;

    public Evidence {
        if (text == null) {
            text = "";
        }
        text = shorten(text, MAX_TEXT);
    }

    /** The text up to {@code max} characters, then how many more there were. */
    public static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "… (" + (s.length() - max) + " more characters)";
    }

    public static Evidence at(String path, int line, String text) {
        return new Evidence(path, line, text, null);
    }

    public static Evidence file(String path, String text) {
        return new Evidence(path, 0, text, null);
    }

    public static Evidence command(String command, String output) {
        return new Evidence(null, 0, output, command);
    }

    /** Evidence that points at no file, such as a compiled-in default. */
    public static Evidence note(String text) {
        return new Evidence(null, 0, text, null);
    }

    /** "path:line" or "path" or the command, for messages. */
    public String where() {
        if (path != null) {
            return line > 0 ? path + ":" + line : path;
        }
        return command != null ? "`" + command + "`" : "";
    }
}
