package org.vmguard.facts;

/**
 * Our parse error: the only exception a parser may throw. It names the file and line.
 */
public final class ParseError extends FactException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final int line;

    public ParseError(String path, int line, String message) {
        super(path + (line > 0 ? ":" + line : "") + ": " + message);
        this.path = path;
        this.line = line;
    }

    public String path() {
        return path;
    }

    public int line() {
        return line;
    }
}
