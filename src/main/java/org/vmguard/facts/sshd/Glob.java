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

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*' -> {
                    while (pi < p.length() && p.charAt(pi) == '*') {
                        pi++;
                    }
                    if (pi == p.length()) {
                        return true;
                    }
                    for (int k = si; k <= s.length(); k++) {
                        if (match(p, pi, s, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si >= s.length()) {
                        return false;
                    }
                    pi++;
                    si++;
                }
                case '[' -> {
                    int end = classEnd(p, pi);
                    if (end < 0) {
                        // no closing bracket: a literal '['
                        if (si >= s.length() || s.charAt(si) != '[') {
                            return false;
                        }
                        pi++;
                        si++;
                        break;
                    }
                    if (si >= s.length() || !inClass(p.substring(pi + 1, end), s.charAt(si))) {
                        return false;
                    }
                    pi = end + 1;
                    si++;
                }
                case '\\' -> {
                    char lit = pi + 1 < p.length() ? p.charAt(pi + 1) : '\\';
                    if (si >= s.length() || s.charAt(si) != lit) {
                        return false;
                    }
                    pi += pi + 1 < p.length() ? 2 : 1;
                    si++;
                }
                default -> {
                    if (si >= s.length() || s.charAt(si) != c) {
                        return false;
                    }
                    pi++;
                    si++;
                }
            }
        }
        return si == s.length();
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
