package org.vmguard.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Shell-style globs over a target's paths, as configuration files use them in include lines
 * ("/etc/rsyslog.d/*.conf"): *, ? and [..] in any component, names sorted, dot files only when
 * the pattern asks for them.
 */
public final class PathGlob {

    private PathGlob() {
    }

    public static boolean hasMagic(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    /** Does one path component match one pattern component? */
    public static boolean matches(String glob, String name) {
        if (name.startsWith(".") && !glob.startsWith(".")) {
            return false;
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        String cls = glob.substring(i + 1, end);
                        boolean neg = cls.startsWith("!") || cls.startsWith("^");
                        if (neg) {
                            cls = cls.substring(1);
                        }
                        re.append('[').append(neg ? "^" : "").append(cls.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                        i = end;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return name.matches(re.toString());
        } catch (java.util.regex.PatternSyntaxException e) {
            return false;
        }
    }

    /** The existing paths matching an absolute pattern, sorted; a pattern without magic is returned as is. */
    public static List<String> expand(Host host, String pattern) {
        if (!hasMagic(pattern)) {
            return List.of(pattern);
        }
        List<String> current = List.of("");
        String[] parts = pattern.split("/");
        for (int p = 0; p < parts.length; p++) {
            String part = parts[p];
            if (part.isEmpty()) {
                continue;
            }
            List<String> next = new ArrayList<>();
            for (String base : current) {
                if (!hasMagic(part)) {
                    next.add(base + "/" + part);
                    continue;
                }
                for (String name : host.list(base.isEmpty() ? "/" : base)) {
                    if (matches(part, name)) {
                        next.add(base + "/" + name);
                    }
                }
            }
            current = next;
        }
        List<String> out = new ArrayList<>(current);
        out.removeIf(pth -> host.stat(pth).isEmpty());
        out.sort(null);
        return out;
    }
}
