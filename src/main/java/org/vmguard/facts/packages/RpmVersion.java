package org.vmguard.facts.packages;

import java.util.Comparator;

/**
 * RPM's version ordering: {@code rpmvercmp} on version and release strings, and the epoch first
 * for a full EVR. Runs of digits compare numerically, runs of letters by byte, any other
 * character only separates; {@code ~} sorts before everything and {@code ^} after the end.
 */
public final class RpmVersion {

    public static final Comparator<String> ORDER = RpmVersion::rpmvercmp;

    private RpmVersion() {
    }

    private static boolean alnum(char c) {
        return digit(c) || alpha(c);
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean alpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** -1, 0 or 1, as rpm's rpmvercmp. */
    public static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        int na = a.length();
        int nb = b.length();
        while (i < na || j < nb) {
            while (i < na && !alnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
                i++;
            }
            while (j < nb && !alnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
                j++;
            }
            char ca = i < na ? a.charAt(i) : 0;
            char cb = j < nb ? b.charAt(j) : 0;
            if (ca == '~' || cb == '~') {
                if (ca != '~') {
                    return 1;
                }
                if (cb != '~') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            // a caret sorts after the end of a string but before any other continuation
            if (ca == '^' || cb == '^') {
                if (i >= na) {
                    return -1;
                }
                if (j >= nb) {
                    return 1;
                }
                if (ca != '^') {
                    return 1;
                }
                if (cb != '^') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= na || j >= nb) {
                break;
            }
            int si = i;
            int sj = j;
            boolean isnum = digit(ca);
            if (isnum) {
                while (i < na && digit(a.charAt(i))) {
                    i++;
                }
                while (j < nb && digit(b.charAt(j))) {
                    j++;
                }
            } else {
                while (i < na && alpha(a.charAt(i))) {
                    i++;
                }
                while (j < nb && alpha(b.charAt(j))) {
                    j++;
                }
            }
            String one = a.substring(si, i);
            String two = b.substring(sj, j);
            if (two.isEmpty()) {
                // segments of different types: numeric is newer than alpha
                return isnum ? 1 : -1;
            }
            if (isnum) {
                one = stripZeros(one);
                two = stripZeros(two);
                if (one.length() != two.length()) {
                    return one.length() > two.length() ? 1 : -1;
                }
            }
            int rc = one.compareTo(two);
            if (rc != 0) {
                return rc < 0 ? -1 : 1;
            }
        }
        if (i >= na && j >= nb) {
            return 0;
        }
        return i >= na ? -1 : 1;
    }

    private static String stripZeros(String s) {
        int k = 0;
        while (k < s.length() && s.charAt(k) == '0') {
            k++;
        }
        return s.substring(k);
    }

    /** Epoch (missing counts as 0), then version, then release, as rpm compares two packages. */
    public static int compareEvr(long epochA, String versionA, String releaseA, long epochB, String versionB,
            String releaseB) {
        if (epochA != epochB) {
            return epochA < epochB ? -1 : 1;
        }
        int r = rpmvercmp(versionA, versionB);
        return r != 0 ? r : rpmvercmp(releaseA, releaseB);
    }
}
