package org.vmguard.facts;

/**
 * A bound on line length for files handed to the YAML parser: SnakeYAML copies its window again
 * for every chunk of a scalar it scans, so its time grows with the square of a line's length (a
 * 10 MB line in a hostile image's cloud.cfg took 50 s). No real cloud-config or database
 * configuration has a line anywhere near this long.
 */
public final class LineLimit {

    public static final int MAX = 64 * 1024;

    private LineLimit() {
    }

    /** @throws ParseError naming the first line longer than {@link #MAX} characters */
    public static void check(String path, String text) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX) {
                    throw new ParseError(path, line, "line longer than " + MAX + " characters");
                }
                line++;
                start = i + 1;
            }
        }
    }
}
