package org.vmguard.facts.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.vmguard.core.Evidence;
import org.vmguard.facts.ParseError;

/**
 * unbound.conf: {@code name: value} lines grouped under clauses ({@code server:},
 * {@code remote-control:}, …), {@code #} comments, quoted values, and {@code include:} /
 * {@code include-toplevel:} with globs expanded in sorted order, spliced where they stand.
 * Keeps the server clause's {@code interface} and {@code access-control} entries with their lines.
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
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String raw = lines[i];
                String line = stripComment(raw).strip();
                if (line.isEmpty()) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new ParseError(path, i + 1, "expected 'name: value', found: " + clip(line));
                }
                String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = words(line.substring(colon + 1).strip());
                if (!name.matches("[a-z0-9-]+")) {
                    throw new ParseError(path, i + 1, "bad keyword '" + clip(name) + "'");
                }
                if (name.equals("include") || name.equals("include-toplevel")) {
                    if (name.equals("include-toplevel")) {
                        clause[0] = "";
                    }
                    for (String f : files.glob(value)) {
                        if (++includes > MAX_INCLUDES) {
                            throw new ParseError(path, i + 1, "more than " + MAX_INCLUDES + " includes");
                        }
                        Optional<String> t = files.read(f);
                        if (t.isPresent()) {
                            file(f, t.get(), stack, clause);
                        }
                    }
                    if (name.equals("include-toplevel")) {
                        clause[0] = "";
                    }
                    continue;
                }
                if (value.isEmpty() && line.endsWith(":")) {
                    clause[0] = name; // a clause header such as "server:"
                    continue;
                }
                if (clause[0].isEmpty()) {
                    throw new ParseError(path, i + 1, "'" + name + "' outside a clause such as server: "
                            + "(is there no clause start after an include-toplevel?)");
                }
                if (clause[0].equals("server")) {
                    server.add(new Entry(name, value, path, i + 1, clip(raw.strip())));
                }
            }
            stack.removeLast();
        }

        private static String stripComment(String s) {
            boolean quoted = false;
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '#' && !quoted) {
                    return s.substring(0, k);
                }
            }
            return s;
        }

        /** unbound strips the quotes of each word of a value: "10.0.0.0/8" refuse → 10.0.0.0/8 refuse. */
        private static String words(String v) {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            char quote = 0;
            boolean any = false;
            for (int k = 0; k < v.length(); k++) {
                char c = v.charAt(k);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        cur.append(c);
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    any = true;
                } else if (Character.isWhitespace(c)) {
                    if (cur.length() > 0 || any) {
                        out.add(cur.toString());
                        cur.setLength(0);
                        any = false;
                    }
                } else {
                    cur.append(c);
                }
            }
            if (cur.length() > 0 || any) {
                out.add(cur.toString());
            }
            return String.join(" ", out);
        }

        private static String unquote(String v) {
            if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
                return v.substring(1, v.length() - 1);
            }
            return v;
        }

        private static String clip(String s) {
            return s.length() > 200 ? s.substring(0, 200) + "…" : s;
        }
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
