package org.vmguard.facts.mail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vmguard.core.Evidence;
import org.vmguard.facts.ParseError;

/**
 * Postfix's main.cf, read as postconf(5) says: {@code name = value}; a line that starts with
 * white space continues the previous one (joined by one space; comment lines in between are
 * skipped); a line whose first non-blank character is {@code #} is a comment, but a {@code #}
 * inside a value is part of it; the last definition of a name wins. Values expand {@code $name},
 * {@code ${name}}, {@code $(name)}, {@code ${name?value}}, {@code ${name:value}}, {@code
 * ${name?{a}:{b}}} and the comparison form {@code ${{a} <level {b} ? {t} : {f}}} of Postfix 3.x,
 * with Postfix's compiled-in defaults for the parameters vmguard judges.
 */
public record PostfixMain(String path, Map<String, Param> params) {

    /** One definition that won; {@code shadowed} are the earlier lines it overrides. */
    public record Param(String name, String raw, int line, String text, List<Integer> shadowed) {
    }

    /**
     * The defaults of Postfix 3.x ({@code postconf -d}) for what vmguard reads. mynetworks and the
     * host names depend on the machine and are left out: a check that needs them says so.
     */
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("compatibility_level", "0"),
            Map.entry("inet_interfaces", "all"),
            Map.entry("inet_protocols", "all"),
            Map.entry("mynetworks_style", "${{$compatibility_level} <level {2} ? {subnet} : {host}}"),
            Map.entry("smtpd_relay_restrictions", "${{$compatibility_level} <level {1} ? {} : "
                    + "{permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination}}"),
            Map.entry("smtpd_recipient_restrictions", ""),
            Map.entry("smtpd_client_restrictions", ""),
            Map.entry("relay_domains", "${{$compatibility_level} <level {2} ? {$mydestination} : {}}"),
            Map.entry("mydestination", "$myhostname, localhost.$mydomain, localhost"),
            Map.entry("master_service_disable", ""),
            Map.entry("smtpd_tls_security_level", ""),
            Map.entry("relayhost", ""),
            Map.entry("default_transport", "smtp"),
            Map.entry("relay_transport", "relay"),
            Map.entry("mail_name", "Postfix"),
            Map.entry("myorigin", "$myhostname"),
            Map.entry("smtpd_banner", "$myhostname ESMTP $mail_name"),
            Map.entry("message_size_limit", "10240000"),
            Map.entry("notify_classes", "resource, software"),
            Map.entry("alias_maps", "hash:/etc/aliases, nis:mail.aliases"));

    public static PostfixMain parse(String path, String text) {
        Map<String, Param> params = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            String line = stripCr(lines[i]);
            int start = i;
            i++;
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                continue; // postconf warns "logical line must not start with whitespace" and skips it
            }
            StringBuilder logical = new StringBuilder(line.strip());
            while (i < lines.length) {
                String next = stripCr(lines[i]);
                if (next.isBlank() || next.stripLeading().startsWith("#")) {
                    i++; // blank and comment lines are ignored, even between continuation lines
                    continue;
                }
                if (!Character.isWhitespace(next.charAt(0))) {
                    break;
                }
                logical.append(' ').append(next.strip());
                i++;
            }
            String l = logical.toString();
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new ParseError(path, start + 1, "missing '=' after parameter name: " + clip(l));
            }
            String name = l.substring(0, eq).strip();
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new ParseError(path, start + 1, "bad parameter name '" + clip(name) + "'");
            }
            String value = l.substring(eq + 1).strip();
            List<Integer> shadowed = new ArrayList<>();
            Param old = params.remove(name);
            if (old != null) {
                shadowed.addAll(old.shadowed());
                shadowed.add(old.line());
            }
            params.put(name, new Param(name, value, start + 1, clip(l), List.copyOf(shadowed)));
        }
        return new PostfixMain(path, Map.copyOf(params));
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    public Optional<Param> explicit(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** The unexpanded value: main.cf's, else the default, else empty. */
    public String raw(String name) {
        Param p = params.get(name);
        if (p != null) {
            return p.raw();
        }
        return DEFAULTS.getOrDefault(name, "");
    }

    public boolean known(String name) {
        return params.containsKey(name) || DEFAULTS.containsKey(name);
    }

    /** The value with every $name expanded, as {@code postconf -x} prints it. */
    public String expand(String name) {
        return expand(name, Map.of());
    }

    /** Expansion where {@code overrides} (master.cf -o) take precedence over main.cf. */
    public String expand(String name, Map<String, String> overrides) {
        String raw = overrides.containsKey(name) ? overrides.get(name) : raw(name);
        return normalise(new Expander(overrides).expand(raw, new HashSet<>(Set.of(name)), 0));
    }

    /** Evidence for a parameter: its winning line, or a note that Postfix's default applies. */
    public Evidence evidence(String name) {
        Param p = params.get(name);
        if (p == null) {
            return Evidence.note(name + " = " + raw(name) + " (Postfix default; not set in " + path + ")");
        }
        return Evidence.at(path, p.line(), p.text());
    }

    /** Postfix splits list values on white space and commas. */
    public static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split("[\\s,]+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String normalise(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private final class Expander {
        private final Map<String, String> overrides;

        Expander(Map<String, String> overrides) {
            this.overrides = overrides;
        }

        private Optional<String> value(String name) {
            if (overrides.containsKey(name)) {
                return Optional.of(overrides.get(name));
            }
            if (params.containsKey(name)) {
                return Optional.of(params.get(name).raw());
            }
            return Optional.ofNullable(DEFAULTS.get(name));
        }

        String expand(String s, Set<String> active, int depth) {
            if (depth > 100) {
                throw new ParseError(path, 0, "parameter expansion nested too deeply");
            }
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c != '$' || i + 1 >= s.length()) {
                    out.append(c);
                    i++;
                    continue;
                }
                char n = s.charAt(i + 1);
                if (n == '$') {
                    out.append('$');
                    i += 2;
                } else if (n == '{' || n == '(') {
                    char close = n == '{' ? '}' : ')';
                    int end = matching(s, i + 1, n, close);
                    if (end < 0) {
                        throw new ParseError(path, 0, "unbalanced " + n + " in: " + clip(s));
                    }
                    out.append(braced(s.substring(i + 2, end), active, depth));
                    i = end + 1;
                } else if (Character.isLetterOrDigit(n) || n == '_') {
                    int j = i + 1;
                    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                        j++;
                    }
                    out.append(lookup(s.substring(i + 1, j), active, depth));
                    i = j;
                } else {
                    out.append(c);
                    i++;
                }
            }
            return out.toString();
        }

        private String lookup(String name, Set<String> active, int depth) {
            Optional<String> v = value(name);
            if (v.isEmpty()) {
                return "";
            }
            if (!active.add(name)) {
                throw new ParseError(path, line(name), "parameter " + name + " refers to itself");
            }
            try {
                return expand(v.get(), active, depth + 1);
            } finally {
                active.remove(name);
            }
        }

        private int line(String name) {
            Param p = params.get(name);
            return p == null ? 0 : p.line();
        }

        /** Inside ${…}: a name with an optional ?value / :value, or a {a} OP {b} ? {t} : {f} test. */
        private String braced(String inner, Set<String> active, int depth) {
            String t = inner.strip();
            if (t.startsWith("{")) {
                return comparison(t, active, depth);
            }
            int op = -1;
            for (int k = 0; k < inner.length(); k++) {
                char ch = inner.charAt(k);
                if (ch == '?' || ch == ':') {
                    op = k;
                    break;
                }
            }
            if (op < 0) {
                return lookup(inner.strip(), active, depth);
            }
            String name = inner.substring(0, op).strip();
            // Postfix tests the raw value, unexpanded: ${a?x} is x when a = $empty_thing
            boolean nonEmpty = !value(name).orElse("").isBlank();
            String rest = inner.substring(op + 1);
            String whenSet;
            String whenUnset;
            if (inner.charAt(op) == '?' && rest.stripLeading().startsWith("{")) {
                String[] parts = bracedPair(rest);
                whenSet = parts[0];
                whenUnset = parts[1];
            } else if (inner.charAt(op) == '?') {
                whenSet = rest;
                whenUnset = "";
            } else {
                whenSet = "";
                whenUnset = rest;
            }
            return expand(nonEmpty ? whenSet : whenUnset, active, depth + 1);
        }

        /** "{a}:{b}" → [a, b]. */
        private String[] bracedPair(String s) {
            String t = s.strip();
            int e1 = matching(t, 0, '{', '}');
            if (e1 < 0) {
                throw new ParseError(path, 0, "unbalanced { in: " + clip(s));
            }
            String a = t.substring(1, e1);
            String rest = t.substring(e1 + 1).strip();
            if (!rest.startsWith(":")) {
                throw new ParseError(path, 0, "expected ':{…}' in: " + clip(s));
            }
            rest = rest.substring(1).strip();
            int e2 = matching(rest, 0, '{', '}');
            if (!rest.startsWith("{") || e2 < 0 || !rest.substring(e2 + 1).isBlank()) {
                throw new ParseError(path, 0, "expected ':{…}' in: " + clip(s));
            }
            return new String[] {a, rest.substring(1, e2)};
        }

        /** {a} OP {b} ? {t} : {f} */
        private String comparison(String t, Set<String> active, int depth) {
            int e1 = matching(t, 0, '{', '}');
            if (e1 < 0) {
                throw new ParseError(path, 0, "unbalanced { in: " + clip(t));
            }
            String a = expand(t.substring(1, e1), active, depth + 1).strip();
            String rest = t.substring(e1 + 1).strip();
            int b0 = rest.indexOf('{');
            if (b0 < 0) {
                throw new ParseError(path, 0, "expected {…} after the operator in: " + clip(t));
            }
            String op = rest.substring(0, b0).strip();
            rest = rest.substring(b0);
            int e2 = matching(rest, 0, '{', '}');
            if (e2 < 0) {
                throw new ParseError(path, 0, "unbalanced { in: " + clip(t));
            }
            String b = expand(rest.substring(1, e2), active, depth + 1).strip();
            rest = rest.substring(e2 + 1).strip();
            if (!rest.startsWith("?")) {
                throw new ParseError(path, 0, "expected '?' in: " + clip(t));
            }
            String[] branches = bracedPair(rest.substring(1));
            return expand(compare(a, op, b) ? branches[0] : branches[1], active, depth + 1);
        }

        private boolean compare(String a, String op, String b) {
            return switch (op) {
                case "==" -> a.equals(b);
                case "!=" -> !a.equals(b);
                case "<level" -> level(a, b) < 0;
                case "<=level" -> level(a, b) <= 0;
                case ">level" -> level(a, b) > 0;
                case ">=level" -> level(a, b) >= 0;
                case "==level" -> level(a, b) == 0;
                case "!=level" -> level(a, b) != 0;
                case "<" -> number(a) < number(b);
                case "<=" -> number(a) <= number(b);
                case ">" -> number(a) > number(b);
                case ">=" -> number(a) >= number(b);
                default -> throw new ParseError(path, 0, "unknown operator '" + clip(op) + "'");
            };
        }

        private long number(String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new ParseError(path, 0, "'" + clip(s) + "' is not a number");
            }
        }
    }

    /** Compatibility levels compare as major.minor.patch. */
    static int level(String a, String b) {
        long[] x = levelParts(a);
        long[] y = levelParts(b);
        for (int k = 0; k < 3; k++) {
            int c = Long.compare(x[k], y[k]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static long[] levelParts(String s) {
        long[] out = new long[3];
        String[] p = s.strip().split("\\.");
        for (int k = 0; k < Math.min(3, p.length); k++) {
            try {
                out[k] = Long.parseLong(p[k]);
            } catch (NumberFormatException e) {
                out[k] = 0;
            }
        }
        return out;
    }

    /** The index of the bracket closing the one at {@code open}, or -1. */
    static int matching(String s, int open, char o, char c) {
        int depth = 0;
        for (int k = open; k < s.length(); k++) {
            char ch = s.charAt(k);
            if (ch == o) {
                depth++;
            } else if (ch == c) {
                depth--;
                if (depth == 0) {
                    return k;
                }
            }
        }
        return -1;
    }
}
