package org.vmguard.facts.logging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.vmguard.core.Evidence;
import org.vmguard.facts.ParseError;

/**
 * rsyslog's forwarding actions, in both syntaxes: legacy selector lines (`*.* @host`, `@@host:514`,
 * `@@(o)host`) with the `$ActionSendStreamDriver…` and `$DefaultNetstreamDriver` directives before
 * them, and RainerScript objects (`action(type="omfwd" target=… protocol="tcp"
 * StreamDriver="gtls" StreamDriverMode="1")`, `global(DefaultNetstreamDriver=…)`, omrelp with
 * tls="on"), through `$IncludeConfig` and `include(file=…)`. A forward is TLS only when its
 * stream driver is gtls or ossl and the driver mode is 1.
 */
public final class Rsyslog {

    public static final String CONF = "/etc/rsyslog.conf";

    /** One forwarding action. */
    public record Forward(String target, String protocol, boolean tls, String why, Evidence evidence) {
    }

    public record Config(List<Forward> forwards, List<String> files) {
    }

    public interface Files {
        Optional<String> read(String path);

        /** Paths matching a glob, sorted; a directory's files for a path ending in "/". */
        List<String> expand(String pattern);
    }

    private final Files files;
    /** Actions, completed once the whole configuration is read: a global default driver applies wherever it is set. */
    private final List<Function<String, Forward>> forwards = new ArrayList<>();
    private final List<String> read = new ArrayList<>();
    private String defaultDriver = "ptcp";
    private String actionDriver = null;
    private String actionMode = "0";

    private Rsyslog(Files files) {
        this.files = files;
    }

    public static Config parse(String path, String text, Files files) {
        Rsyslog r = new Rsyslog(files);
        r.file(path, text, 0);
        // the global default driver applies to every action that names none, wherever it is set
        List<Forward> out = new ArrayList<>();
        for (Function<String, Forward> f : r.forwards) {
            out.add(f.apply(r.defaultDriver));
        }
        return new Config(List.copyOf(out), List.copyOf(r.read));
    }

    private void file(String path, String text, int depth) {
        if (depth > 16) {
            throw new ParseError(path, 0, "includes nested too deeply");
        }
        read.add(path);
        int n = text.length();
        int i = 0;
        int line = 1;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
                continue;
            }
            if (Character.isWhitespace(c) || c == '{' || c == '}' || c == '&' || c == ';') {
                i++;
                continue;
            }
            if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new ParseError(path, line, "unterminated /* comment");
                }
                line += count(text, i, end);
                i = end + 2;
                continue;
            }
            // read a word
            int j = i;
            while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_' || text.charAt(j) == '$'
                    || text.charAt(j) == '.' || text.charAt(j) == ':')) {
                j++;
            }
            String word = text.substring(i, j);
            int k = j;
            while (k < n && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
                k++;
            }
            String lower = word.toLowerCase(Locale.ROOT);
            if (!word.isEmpty() && !word.contains(".") && !word.startsWith("$") && k < n && text.charAt(k) == '(') {
                int start = line;
                int close = closing(path, text, k, line);
                String body = text.substring(k + 1, close);
                Map<String, String> params = params(path, start, body, lower);
                object(path, start, lower, params, depth, text.substring(i, close + 1));
                line += count(text, i, close);
                i = close + 1;
                continue;
            }
            if (Set.of("call", "unset", "set", "reset").contains(lower)) {
                // "call NAME", "set $.x = expr;": script statements, never an action
                int end = lower.equals("call") ? text.indexOf('\n', j) : text.indexOf(';', j);
                end = end < 0 ? n : end;
                line += count(text, i, end);
                i = end;
                continue;
            }
            if (Set.of("if", "then", "else", "ruleset", "stop", "and", "or", "not", "continue").contains(lower) && !word.isEmpty()) {
                // script flow: skip to the end of the line's condition; actions inside are read on their own
                if (lower.equals("if")) {
                    int then = text.indexOf("then", j);
                    if (then < 0) {
                        throw new ParseError(path, line, "`if` without `then`");
                    }
                    line += count(text, i, then);
                    i = then + 4;
                } else {
                    i = j;
                }
                continue;
            }
            // a legacy line: up to the end of the line (a trailing backslash does not continue it in rsyslog)
            int eol = text.indexOf('\n', i);
            if (eol < 0) {
                eol = n;
            }
            String l = text.substring(i, eol).strip();
            legacy(path, line, l, depth);
            i = eol;
        }
    }

    private static int count(String text, int from, int to) {
        int c = 0;
        for (int i = from; i < to && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                c++;
            }
        }
        return c;
    }

    /** The index of the ")" closing the "(" at {@code open}, quotes respected. */
    private static int closing(String path, String text, int open, int line) {
        char quote = 0;
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == ')') {
                return i;
            } else if (c == '(') {
                throw new ParseError(path, line, "unexpected `(` inside an object's parameters");
            }
        }
        throw new ParseError(path, line, "`(` is never closed");
    }

    /** name="value" pairs (names case-insensitive); arrays ["a","b"] are kept as text. */
    private static Map<String, String> params(String path, int line, String body, String object) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = body.length();
        while (i < n) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#') {
                while (i < n && body.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            int j = i;
            while (j < n && (Character.isLetterOrDigit(body.charAt(j)) || body.charAt(j) == '.' || body.charAt(j) == '_'
                    || body.charAt(j) == '-')) {
                j++;
            }
            if (j == i) {
                throw new ParseError(path, line, object + "(): expected a parameter name at `" + body.substring(i,
                        Math.min(n, i + 20)).strip() + "`");
            }
            String name = body.substring(i, j).toLowerCase(Locale.ROOT);
            while (j < n && Character.isWhitespace(body.charAt(j))) {
                j++;
            }
            if (j >= n || body.charAt(j) != '=') {
                throw new ParseError(path, line, object + "(): parameter " + name + " needs `=\"value\"`");
            }
            j++;
            while (j < n && Character.isWhitespace(body.charAt(j))) {
                j++;
            }
            if (j < n && body.charAt(j) == '\'') {
                throw new ParseError(path, line, object + "(): parameter " + name
                        + " in single quotes: rsyslog takes only \"double-quoted\" values in objects");
            }
            if (j < n && body.charAt(j) == '"') {
                char q = body.charAt(j);
                StringBuilder v = new StringBuilder();
                int k = j + 1;
                while (k < n && body.charAt(k) != q) {
                    if (body.charAt(k) == '\\' && k + 1 < n) {
                        k++;
                    }
                    v.append(body.charAt(k));
                    k++;
                }
                if (k >= n) {
                    throw new ParseError(path, line, object + "(): unterminated string for " + name);
                }
                out.put(name, v.toString());
                i = k + 1;
            } else if (j < n && body.charAt(j) == '[') {
                int k = body.indexOf(']', j);
                if (k < 0) {
                    throw new ParseError(path, line, object + "(): unterminated array for " + name);
                }
                out.put(name, body.substring(j + 1, k));
                i = k + 1;
            } else {
                int k = j;
                while (k < n && !Character.isWhitespace(body.charAt(k))) {
                    k++;
                }
                if (k == j) {
                    throw new ParseError(path, line, object + "(): parameter " + name + " has no value");
                }
                out.put(name, body.substring(j, k));
                i = k;
            }
        }
        return out;
    }

    private void object(String path, int line, String name, Map<String, String> p, int depth, String text) {
        Evidence ev = Evidence.at(path, line, clip(text.replaceAll("\\s+", " ")));
        switch (name) {
            case "global" -> {
                if (p.containsKey("defaultnetstreamdriver")) {
                    defaultDriver = p.get("defaultnetstreamdriver").toLowerCase(Locale.ROOT);
                }
            }
            case "include" -> {
                String f = p.get("file");
                if (f == null) {
                    if (p.containsKey("text")) {
                        file(path, p.get("text"), depth + 1);
                        return;
                    }
                    throw new ParseError(path, line, "include() needs file= or text=");
                }
                boolean optional = "optional".equalsIgnoreCase(p.getOrDefault("mode", "required"));
                include(path, line, f, optional || org.vmguard.facts.PathGlob.hasMagic(f), depth);
            }
            case "action" -> {
                String type = p.getOrDefault("type", "").toLowerCase(Locale.ROOT);
                if (type.isEmpty()) {
                    throw new ParseError(path, line, "action() needs type=");
                }
                if (type.equals("omfwd")) {
                    String target = p.getOrDefault("target", "");
                    String port = p.getOrDefault("port", "514");
                    String proto = p.getOrDefault("protocol", "udp").toLowerCase(Locale.ROOT);
                    String driver = p.containsKey("streamdriver") ? p.get("streamdriver").toLowerCase(Locale.ROOT) : null;
                    String mode = p.getOrDefault("streamdrivermode", "0");
                    pending(target + ":" + port, proto, driver, mode, ev);
                } else if (type.equals("omrelp")) {
                    boolean tls = Set.of("on", "1", "yes").contains(p.getOrDefault("tls", "off").toLowerCase(Locale.ROOT));
                    Forward f = new Forward(p.getOrDefault("target", "") + ":" + p.getOrDefault("port", "514"), "relp",
                            tls, tls ? "omrelp tls=\"on\"" : "omrelp without tls=\"on\"", ev);
                    forwards.add(x -> f);
                }
            }
            default -> {
            }
        }
    }

    private void pending(String target, String proto, String driver, String mode, Evidence ev) {
        if (!proto.equals("tcp")) {
            Forward f = new Forward(target, proto, false, proto + " cannot carry TLS", ev);
            forwards.add(x -> f);
            return;
        }
        forwards.add(global -> decide(target, proto, driver, mode, ev, global));
    }

    private static Forward decide(String target, String proto, String driver, String mode, Evidence ev, String global) {
        String d = driver == null ? global : driver;
        boolean tlsDriver = d.equals("gtls") || d.equals("ossl");
        boolean tls = tlsDriver && mode.strip().equals("1");
        String why = tls ? "stream driver " + d + " in mode 1"
                : !tlsDriver ? "stream driver " + d + (driver == null ? " (the default netstream driver)" : "")
                        + " is plain TCP" : "stream driver " + d + " but StreamDriverMode " + mode + " (1 enables TLS)";
        return new Forward(target, proto, tls, why, ev);
    }

    private void legacy(String path, int line, String l, int depth) {
        if (l.isEmpty()) {
            return;
        }
        Evidence ev = Evidence.at(path, line, clip(l));
        if (l.startsWith("$")) {
            String[] f = l.split("\\s+", 2);
            String d = f[0].toLowerCase(Locale.ROOT);
            String v = f.length > 1 ? f[1].strip() : "";
            switch (d) {
                case "$defaultnetstreamdriver" -> defaultDriver = v.toLowerCase(Locale.ROOT);
                case "$actionsendstreamdriver" -> actionDriver = v.toLowerCase(Locale.ROOT);
                case "$actionsendstreamdrivermode" -> actionMode = v;
                case "$includeconfig" -> {
                    if (v.isEmpty()) {
                        throw new ParseError(path, line, "$IncludeConfig needs a path");
                    }
                    // a glob matching nothing is fine; a missing file or directory stops rsyslogd
                    include(path, line, v, org.vmguard.facts.PathGlob.hasMagic(v), depth);
                }
                default -> {
                }
            }
            return;
        }
        if (l.startsWith(":") || l.startsWith("if") || l.startsWith("else")) {
            // a property filter: ":msg, contains, \"x\" @host" — the action is after the filter's value
            int at = l.indexOf(" @");
            if (at > 0) {
                forwardAction(l.substring(at + 1).strip(), ev);
            }
            return;
        }
        // selector  action
        String[] parts = l.split("\\s+", 2);
        if (parts.length < 2) {
            if (l.startsWith("@")) {
                forwardAction(l, ev); // "& @@host" (another action for the previous selector) or "if … then @@host"
                return;
            }
            if (l.startsWith("-") || l.startsWith("/") || l.startsWith("~") || l.startsWith("|")) {
                return; // an action continuing the previous selector with "&"
            }
            if (!parts[0].contains(".")) {
                throw new ParseError(path, line, "neither a selector nor a directive: " + clip(l));
            }
            throw new ParseError(path, line, "selector " + parts[0] + " has no action");
        }
        if (!parts[0].contains(".") && !parts[0].startsWith("*")) {
            throw new ParseError(path, line, "neither a selector nor a directive: " + clip(l));
        }
        forwardAction(parts[1].strip(), ev);
    }

    /** "@host", "@@host:514", "@@(o,z9)host:514;Template", ":omfwd:host" style actions. */
    private void forwardAction(String action, Evidence ev) {
        if (!action.startsWith("@")) {
            return;
        }
        boolean tcp = action.startsWith("@@");
        String rest = action.substring(tcp ? 2 : 1);
        if (rest.startsWith("(")) {
            int close = rest.indexOf(')');
            rest = close < 0 ? rest.substring(1) : rest.substring(close + 1);
        }
        int semi = rest.indexOf(';');
        if (semi >= 0) {
            rest = rest.substring(0, semi);
        }
        String target = rest.strip().split("\\s", 2)[0]; // rsyslogd reads the target up to a blank
        if (!target.contains(":") || target.startsWith("[") && !target.contains("]:")) {
            target = target + ":514";
        }
        if (!tcp) {
            Forward f = new Forward(target, "udp", false, "@ forwards over UDP, which cannot carry TLS", ev);
            forwards.add(x -> f);
            return;
        }
        pending(target, "tcp", actionDriver, actionMode, ev);
    }

    private void include(String path, int line, String pattern, boolean optional, int depth) {
        List<String> paths = files.expand(pattern);
        if (paths.isEmpty() && !optional) {
            throw new ParseError(path, line, "included file " + pattern + " does not exist");
        }
        for (String p : paths) {
            Optional<String> t = files.read(p);
            if (t.isEmpty() && !optional) {
                throw new ParseError(path, line, "included file " + p + " does not exist");
            }
            t.ifPresent(x -> file(p, x, depth + 1));
        }
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    public static Files files(Function<String, Optional<String>> read, Function<String, List<String>> expand) {
        return new Files() {
            @Override
            public Optional<String> read(String path) {
                return read.apply(path);
            }

            @Override
            public List<String> expand(String pattern) {
                return expand.apply(pattern);
            }
        };
    }
}
