package org.vmguard.facts.packages;

import java.util.Comparator;
import java.util.Optional;

/**
 * A Debian package version, {@code [epoch:]upstream[-revision]}, ordered the way dpkg orders it
 * (deb-version(7)): epochs numerically, then upstream and revision by dpkg's verrevcmp, where
 * letters sort before non-letters and {@code ~} before everything, even the end of the string.
 */
public record DebVersion(long epoch, String upstream, String revision) implements Comparable<DebVersion> {

    public static final Comparator<String> ORDER = (a, b) -> parseLenient(a).compareTo(parseLenient(b));

    /**
     * Parses a version as dpkg does; empty when dpkg would reject it as an error (empty, embedded
     * spaces, a non-numeric epoch, nothing after the colon, an empty revision). Oddities that dpkg
     * only warns about (a first character that is no digit, unusual characters) are accepted.
     */
    public static Optional<DebVersion> parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return Optional.empty();
            }
        }
        long epoch = 0;
        String rest = s;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            String e = s.substring(0, colon);
            // dpkg uses strtol and insists that it consumed everything up to the colon
            if (!e.matches("[+-]?[0-9]+")) {
                return Optional.empty();
            }
            try {
                epoch = Long.parseLong(e.startsWith("+") ? e.substring(1) : e);
            } catch (NumberFormatException x) {
                return Optional.empty();
            }
            if (epoch < 0 || epoch > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            rest = s.substring(colon + 1);
            if (rest.isEmpty()) {
                return Optional.empty();
            }
        }
        String revision = "";
        int hyphen = rest.lastIndexOf('-');
        if (hyphen >= 0) {
            revision = rest.substring(hyphen + 1);
            rest = rest.substring(0, hyphen);
            if (revision.isEmpty()) {
                return Optional.empty();
            }
        }
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DebVersion(epoch, rest, revision));
    }

    /** For ordering strings that may not parse: those sort as an upstream of the raw text. */
    static DebVersion parseLenient(String text) {
        return parse(text).orElse(new DebVersion(0, text, ""));
    }

    /** dpkg --compare-versions: negative, zero or positive. */
    public static int compare(String a, String b) {
        return Integer.signum(ORDER.compare(a, b));
    }

    @Override
    public int compareTo(DebVersion o) {
        if (epoch != o.epoch) {
            return epoch < o.epoch ? -1 : 1;
        }
        int r = verrevcmp(upstream, o.upstream);
        return r != 0 ? r : verrevcmp(revision, o.revision);
    }

    private static int order(int c) {
        if (c >= '0' && c <= '9') {
            return 0;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c == 0 ? 0 : c + 256;
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    /** dpkg's verrevcmp: alternating non-digit and digit runs; result's sign is what matters. */
    static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        int na = a.length();
        int nb = b.length();
        while (i < na || j < nb) {
            int firstDiff = 0;
            while ((i < na && !digit(a.charAt(i))) || (j < nb && !digit(b.charAt(j)))) {
                int ac = order(i < na ? a.charAt(i) : 0);
                int bc = order(j < nb ? b.charAt(j) : 0);
                if (ac != bc) {
                    return Integer.signum(ac - bc);
                }
                i++;
                j++;
            }
            while (i < na && a.charAt(i) == '0') {
                i++;
            }
            while (j < nb && b.charAt(j) == '0') {
                j++;
            }
            while (i < na && j < nb && digit(a.charAt(i)) && digit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < na && digit(a.charAt(i))) {
                return 1;
            }
            if (j < nb && digit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return (epoch != 0 ? epoch + ":" : "") + upstream + (revision.isEmpty() ? "" : "-" + revision);
    }
}
