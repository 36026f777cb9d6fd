package org.vmguard.facts.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.vmguard.facts.ParseError;

/**
 * One Apache configuration file as httpd's config reader splits it: a line ending in a backslash
 * continues on the next; a line whose first non-blank character is {@code #} is a comment (a
 * {@code #} later in a line is an argument, as in httpd); arguments are separated by white space
 * and may be quoted with " or ', a backslash escaping the quote (a continued line is numbered by
 * its last physical line, as httpd numbers it); {@code <Name args>} opens a
 * section that {@code </Name>} must close. Nothing is evaluated here: see {@link ApacheConfig}.
 */
public final class ApacheFile {

    private ApacheFile() {
    }

    static final java.util.Set<String> CONDITIONALS = java.util.Set.of("ifmodule", "ifdefine", "ifversion", "iffile");

    private record Open(String name, List<String> args, int line, String text, List<ApacheDirective> kids) {
    }

    public static List<ApacheDirective> parse(String path, String text) {
        String[] lines = text.split("\n", -1);
        Deque<Open> stack = new ArrayDeque<>();
        List<ApacheDirective> top = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            StringBuilder logical = new StringBuilder();
            String l = strip(lines[i]);
            i++;
            while (l.endsWith("\\") && i < lines.length) {
                logical.append(l, 0, l.length() - 1);
                l = strip(lines[i]);
                i++;
            }
            logical.append(l);
            int start = i; // httpd numbers a continued line by its last physical line
            String s = logical.toString().strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (s.length() > 16384) {
                throw new ParseError(path, start, "line too long");
            }
            List<ApacheDirective> into = stack.isEmpty() ? top : stack.peek().kids();
            if (s.startsWith("</")) {
                String name = s.substring(2).strip();
                if (!name.endsWith(">")) {
                    throw new ParseError(path, start, "</" + clip(name) + " directive missing closing '>'");
                }
                name = name.substring(0, name.length() - 1).strip();
                if (stack.isEmpty()) {
                    throw new ParseError(path, start, "</" + clip(name) + "> without matching <" + clip(name) + "> section");
                }
                Open o = stack.pop();
                if (!o.name().equalsIgnoreCase(name)) {
                    throw new ParseError(path, start, "expected </" + o.name() + "> but saw </" + clip(name) + ">");
                }
                List<ApacheDirective> parent = stack.isEmpty() ? top : stack.peek().kids();
                parent.add(new ApacheDirective(o.name(), o.args(), path, o.line(), o.text(), true, o.kids()));
            } else if (s.startsWith("<")) {
                if (!s.endsWith(">")) {
                    throw new ParseError(path, start, "<" + clip(firstWord(s.substring(1))) + " directive missing closing '>'");
                }
                String inner = s.substring(1, s.length() - 1);
                List<String> words = words(path, start, inner);
                if (words.isEmpty() || words.get(0).isEmpty()) {
                    throw new ParseError(path, start, "empty section name");
                }
                stack.push(new Open(words.get(0), words.subList(1, words.size()), start, clip(s), new ArrayList<>()));
            } else {
                List<String> words = words(path, start, s);
                into.add(new ApacheDirective(words.get(0), words.subList(1, words.size()), path, start, clip(s), false,
                        List.of()));
            }
        }
        if (!stack.isEmpty()) {
            Open o = stack.peek();
            if (!stack.stream().allMatch(f -> CONDITIONALS.contains(f.name().toLowerCase(java.util.Locale.ROOT)))) {
                throw new ParseError(path, o.line(), "missing </" + o.name() + "> directive for <" + o.name() + "> section");
            }
            // httpd reads a true condition's body to the end of the file without complaint
            while (!stack.isEmpty()) {
                Open f = stack.pop();
                List<ApacheDirective> parent = stack.isEmpty() ? top : stack.peek().kids();
                parent.add(new ApacheDirective(f.name(), f.args(), path, f.line(), f.text(), true, f.kids(), true));
            }
        }
        return top;
    }

    /** httpd's ap_getword_conf, applied until the line is used up. */
    static List<String> words(String path, int line, String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            char c = s.charAt(i);
            StringBuilder w = new StringBuilder();
            if (c == '"' || c == '\'') {
                i++;
                while (i < n && s.charAt(i) != c) {
                    if (s.charAt(i) == '\\' && i + 1 < n && s.charAt(i + 1) == c) {
                        i++;
                    }
                    w.append(s.charAt(i));
                    i++;
                }
                i++; // the closing quote; httpd accepts an unterminated one up to the end of the line
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    w.append(s.charAt(i));
                    i++;
                }
            }
            out.add(w.toString());
        }
        if (out.isEmpty()) {
            throw new ParseError(path, line, "empty directive");
        }
        return out;
    }

    private static String firstWord(String s) {
        String[] w = s.strip().split("\\s+", 2);
        return w.length == 0 ? "" : w[0];
    }

    private static String strip(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
