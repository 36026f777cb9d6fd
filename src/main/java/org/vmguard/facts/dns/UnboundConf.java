package org.vmguard.facts.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.vmguard.core.Evidence;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.PathGlob;

/**
 * unbound.conf: {@code name: value…} statements grouped under clauses ({@code server:},
 * {@code remote-control:}, …), read by words as unbound does (statements may share a line or
 * span several), {@code #} comments, quoted values, and {@code include:} /
 * {@code include-toplevel:} with globs expanded in sorted order, spliced where they stand.
 * Keeps the server clause's entries with their lines ({@code ip-address} as {@code interface}).
 */
public record UnboundConf(List<Entry> server) {

    public record Entry(String name, String value, String path, int line, String text) {
        public Evidence evidence() {
            return Evidence.at(path, line, text);
        }
    }

    /** Finds the files a glob names (sorted); a plain path gives itself when it exists. */
    public interface Files {
        List<String> glob(String pattern);

        Optional<String> read(String path);
    }

    private static final int MAX_INCLUDES = 200;

    public static UnboundConf parse(String path, String text, Files files) {
        List<Entry> server = new ArrayList<>();
        new Reader(files, server).file(path, text, new ArrayList<>(), new String[] {""});
        return new UnboundConf(List.copyOf(server));
    }

    public static UnboundConf parse(String path, String text) {
        return parse(path, text, new Files() {
            @Override
            public List<String> glob(String pattern) {
                return List.of();
            }

            @Override
            public Optional<String> read(String p) {
                return Optional.empty();
            }
        });
    }

    public List<Entry> all(String name) {
        return server.stream().filter(e -> e.name().equals(name)).toList();
    }

    /** Keywords that open a clause (they take no value). */
    private static final Set<String> CLAUSES = Set.of("server", "stub-zone", "forward-zone", "auth-zone", "rpz", "view",
            "remote-control", "python", "dynlib", "dnstap", "dnscrypt", "cachedb", "ipset");

    /** Keywords of more than one value; every other keyword takes one (util/configlexer.lex). */
    private static final Map<String, Integer> ARGS = Map.ofEntries(Map.entry("access-control", 2),
            Map.entry("interface-action", 2), Map.entry("local-zone", 2), Map.entry("local-zone-tag", 2),
            Map.entry("access-control-tag", 2), Map.entry("access-control-view", 2), Map.entry("interface-tag", 2),
            Map.entry("interface-view", 2), Map.entry("ratelimit-for-domain", 2), Map.entry("ratelimit-below-domain", 2),
            Map.entry("response-ip-tag", 2), Map.entry("response-ip", 2), Map.entry("response-ip-data", 2),
            Map.entry("tcp-connection-limit", 2), Map.entry("edns-client-string", 2), Map.entry("wait-limit-netblock", 2),
            Map.entry("wait-limit-cookie-netblock", 2), Map.entry("access-control-tag-action", 3),
            Map.entry("access-control-tag-data", 3), Map.entry("interface-tag-action", 3),
            Map.entry("interface-tag-data", 3), Map.entry("local-zone-override", 3));

    /** Server options we read; unbound refuses them in any other clause. */
    private static final Set<String> SERVER_ONLY = Set.of("access-control", "interface", "interface-automatic");

    private static final Set<String> ACTIONS = Set.of("deny", "refuse", "allow", "allow_setrd", "allow_snoop",
            "deny_non_local", "refuse_non_local", "allow_cookie");

    /**
     * Reads as unbound's lexer does: a keyword is a word ending in ':', followed by a fixed number
     * of values that may stand on the same line or the following ones, so several statements may
     * share a line and one may span lines. A '#' that starts a word starts a comment.
     */
    private static final class Reader {
        private final Files files;
        private final List<Entry> server;
        private int includes;

        Reader(Files files, List<Entry> server) {
            this.files = files;
            this.server = server;
        }

        /** @param clause the current clause, shared with included files as unbound does */
        void file(String path, String text, List<String> stack, String[] clause) {
            if (stack.contains(path) || stack.size() > 32) {
                throw new ParseError(path, 0, "includes itself (through " + String.join(" → ", stack) + ")");
            }
            stack.add(path);
            Lexer lx = new Lexer(path, text);
            String[] lines = text.split("\n", -1);
            for (Lexer.Token kw = lx.keyword(); kw != null; kw = lx.keyword()) {
                String name = kw.text();
                if (name.equals("include") || name.equals("include-toplevel")) {
                    include(path, kw.line(), lx.value(name).text(), name.equals("include-toplevel"), stack, clause);
                    continue;
                }
                if (CLAUSES.contains(name)) {
                    clause[0] = name;
                    continue;
                }
                int n = ARGS.getOrDefault(name, 1);
                List<String> values = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    values.add(lx.value(name).text());
                }
                if (clause[0].isEmpty()) {
                    throw new ParseError(path, kw.line(), "'" + name + "' outside a clause such as server: "
                            + "(is there no clause start after an include-toplevel?)");
                }
                String key = name.equals("ip-address") ? "interface" : name; // the same option by another name
                if (!clause[0].equals("server")) {
                    if (SERVER_ONLY.contains(key)) {
                        throw new ParseError(path, kw.line(), "'" + name + "' belongs in server:, not in " + clause[0] + ":");
                    }
                    continue;
                }
                if (key.equals("access-control") && !ACTIONS.contains(values.get(1))) {
                    throw new ParseError(path, kw.line(), "access-control: '" + clip(values.get(1))
                            + "' is not an action (deny, refuse, allow, allow_setrd, allow_snoop, deny_non_local, refuse_non_local)");
                }
                String raw = kw.line() <= lines.length ? lines[kw.line() - 1] : "";
                server.add(new Entry(key, String.join(" ", values), path, kw.line(), clip(raw.strip())));
            }
            stack.removeLast();
        }

        private void include(String path, int line, String pattern, boolean toplevel, List<String> stack, String[] clause) {
            if (pattern.isEmpty()) {
                throw new ParseError(path, line, "empty include file name");
            }
            if (toplevel) {
                clause[0] = "";
            }
            List<String> found = files.glob(pattern);
            if (found.isEmpty() && !PathGlob.hasMagic(pattern)) {
                throw new ParseError(path, line, "cannot open include file '" + clip(pattern) + "'");
            }
            for (String f : found) {
                if (++includes > MAX_INCLUDES) {
                    throw new ParseError(path, line, "more than " + MAX_INCLUDES + " includes");
                }
                Optional<String> t = files.read(f);
                if (t.isEmpty()) {
                    throw new ParseError(path, line, "cannot open include file '" + clip(f) + "'");
                }
                file(f, t.get(), stack, clause);
            }
            if (toplevel) {
                clause[0] = "";
            }
        }
    }

    /** unbound's tokens: keywords in keyword position, values (quotes stripped) in value position. */
    private static final class Lexer {
        record Token(String text, int line) {
        }

        private final String path;
        private final String s;
        private int at;
        private int line = 1;

        Lexer(String path, String text) {
            this.path = path;
            this.s = text;
        }

        /** Skips blanks, line ends and comments (a '#' that starts a word runs to the end of the line). */
        private void skip() {
            while (at < s.length()) {
                char c = s.charAt(at);
                if (c == '\n') {
                    line++;
                    at++;
                } else if (c == ' ' || c == '\t' || c == '\r') {
                    at++;
                } else if (c == '#') {
                    while (at < s.length() && s.charAt(at) != '\n') {
                        at++;
                    }
                } else {
                    return;
                }
            }
        }

        private static boolean ends(char c, boolean colonEnds) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"' || c == '\'' || colonEnds && c == ':';
        }

        /** The next keyword without its colon, or null at the end of the file. */
        Token keyword() {
            skip();
            if (at >= s.length()) {
                return null;
            }
            int l = line;
            int start = at;
            while (at < s.length() && !ends(s.charAt(at), true)) {
                at += s.charAt(at) == '\\' && at + 1 < s.length() ? 2 : 1;
            }
            String word = s.substring(start, at);
            if (word.isEmpty()) {
                throw new ParseError(path, l, "stray '" + s.charAt(at) + "'");
            }
            if (at >= s.length() || s.charAt(at) != ':' || !word.matches("[a-z0-9-]+")) {
                throw new ParseError(path, l, "unknown keyword '" + clip(word) + "'");
            }
            at++;
            return new Token(word, l);
        }

        /** The next value of keyword {@code of}: a quoted string (quotes stripped) or a word. */
        Token value(String of) {
            skip();
            int l = line;
            if (at >= s.length()) {
                throw new ParseError(path, l, "'" + of + ":' is missing a value at the end of the file");
            }
            char q = s.charAt(at);
            if (q == '"' || q == '\'') {
                int start = ++at;
                while (at < s.length() && s.charAt(at) != q) {
                    if (s.charAt(at) == '\n') {
                        throw new ParseError(path, l, "newline inside a quoted string, no end " + q);
                    }
                    at += s.charAt(at) == '\\' && at + 1 < s.length() ? 2 : 1;
                }
                if (at >= s.length()) {
                    throw new ParseError(path, l, "end of file inside a quoted string");
                }
                return new Token(s.substring(start, at++), l);
            }
            int start = at;
            while (at < s.length() && !ends(s.charAt(at), false)) {
                at += s.charAt(at) == '\\' && at + 1 < s.length() ? 2 : 1;
            }
            return new Token(s.substring(start, at), l);
        }
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /** Actions that let a client recurse. */
    private static final List<String> RECURSIVE = List.of("allow", "allow_setrd", "allow_snoop", "allow_cookie");

    /**
     * The access-control entry that decides for an outside client: the most specific netblock
     * containing it wins; with none, unbound refuses (only localhost is allowed by default).
     */
    public Optional<Entry> decidingRule(byte[] address) {
        Entry best = null;
        int bestPrefix = -1;
        for (Entry e : all("access-control")) {
            String[] w = e.value().split("\\s+");
            Optional<Cidr> c = Cidr.parse(w[0]);
            if (c.isEmpty()) {
                throw new ParseError(e.path(), e.line(), "access-control: '" + w[0] + "' is not a netblock");
            }
            if (c.get().contains(address) && c.get().prefix() >= bestPrefix) {
                best = e;
                bestPrefix = c.get().prefix();
            }
        }
        return Optional.ofNullable(best);
    }

    public boolean allowsRecursion(Entry rule) {
        String[] w = rule.value().split("\\s+");
        return w.length > 1 && RECURSIVE.contains(w[1].toLowerCase(Locale.ROOT));
    }

    /** Listens beyond loopback? Without interface lines unbound listens on 127.0.0.1 and ::1 only. */
    public List<Entry> exposedInterfaces() {
        List<Entry> out = new ArrayList<>();
        for (Entry e : all("interface")) {
            String a = e.value().split("@")[0].strip();
            Optional<Cidr> c = Cidr.parse(a);
            boolean loop = a.equals("lo") || a.equals("localhost")
                    || c.map(x -> x.address().length == 4 ? (x.address()[0] & 0xff) == 127
                            : java.util.Arrays.equals(x.address(), Cidr.addressOf("::1"))).orElse(false);
            if (!loop) {
                out.add(e);
            }
        }
        if (!all("interface-automatic").isEmpty() && all("interface-automatic").getLast().value().equals("yes")
                && all("interface").isEmpty()) {
            out.addAll(all("interface-automatic"));
        }
        return out;
    }

    public static Function<String, Optional<String>> none() {
        return p -> Optional.empty();
    }
}
