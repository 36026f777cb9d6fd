package org.vmguard.facts.sshd;

/** fnmatch(3) as glob(3) uses it: *, ?, [..] classes, backslash escapes, a leading dot only by a dot. */
final class Glob {

    private Glob() {
    }

    static boolean magic(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    static String unescape(String part) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '\\' && i + 1 < part.length()) {
                c = part.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    static boolean fnmatch(String pattern, String name) {
        if (name.startsWith(".") && !pattern.startsWith(".") && !pattern.startsWith("\\.")) {
            return false;
        }
        return match(pattern, 0, name, 0);
    }

    /** Greedy matching with one backtrack point: each non-star element consumes one character. */
    private static boolean match(String p, int pi, String s, int si) {
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            int next = pi < p.length() ? step(p, pi, s.charAt(si)) : -1;
            if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (next >= 0) {
                pi = next;
                si++;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /** Where the pattern continues when its element at pi matches c, or -1. */
    private static int step(String p, int pi, char c) {
        char e = p.charAt(pi);
        switch (e) {
            case '*' -> {
                return -1;
            }
            case '?' -> {
                return pi + 1;
            }
            case '[' -> {
                int end = classEnd(p, pi);
                if (end < 0) {
                    return c == '[' ? pi + 1 : -1;
                }
                return inClass(p.substring(pi + 1, end), c) ? end + 1 : -1;
            }
            case '\\' -> {
                char lit = pi + 1 < p.length() ? p.charAt(pi + 1) : '\\';
                return c == lit ? pi + (pi + 1 < p.length() ? 2 : 1) : -1;
            }
            default -> {
                return c == e ? pi + 1 : -1;
            }
        }
    }

    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++;
        }
        while (i < p.length() && p.charAt(i) != ']') {
            i++;
        }
        return i < p.length() ? i : -1;
    }

    private static boolean inClass(String cls, char c) {
        boolean negate = !cls.isEmpty() && (cls.charAt(0) == '!' || cls.charAt(0) == '^');
        if (negate) {
            cls = cls.substring(1);
        }
        boolean found = false;
        for (int i = 0; i < cls.length(); i++) {
            char lo = cls.charAt(i);
            if (i + 2 < cls.length() && cls.charAt(i + 1) == '-') {
                char hi = cls.charAt(i + 2);
                if (c >= lo && c <= hi) {
                    found = true;
                }
                i += 2;
            } else if (lo == c) {
                found = true;
            }
        }
        return found != negate;
    }
}
