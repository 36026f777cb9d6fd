package org.vmguard.facts.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.facts.ParseError;

/**
 * Whether BIND answers recursive queries from outside: per view (or the global options when there
 * are no views), with BIND's defaults and inheritance. recursion defaults to yes;
 * allow-recursion falls back to allow-query-cache, then allow-query, then {localnets; localhost;};
 * allow-query-cache falls back to allow-recursion, then allow-query, then the same default. A view
 * inherits each option it does not set from the options block. The first view whose
 * match-clients matches the client serves it.
 */
public record Bind(String path, NamedConf conf) {

    /** Addresses that stand for "anyone on the Internet" when evaluating address match lists. */
    public static final List<String> OUTSIDE = List.of("1.2.3.4", "2600::1");

    /** An outside client that gets recursive answers, and the statements that decided it. */
    public record Open(String client, String scope, List<Evidence> evidence) {
    }

    public static Bind parse(String path, NamedConf conf) {
        return new Bind(path, conf);
    }

    /** Options named reads once per block: a second one makes named-checkconf refuse the file. */
    static final List<String> ONCE = List.of("recursion", "allow-query", "allow-query-cache", "allow-recursion",
            "match-clients");

    public Optional<Open> openRecursion() {
        Map<String, NamedConf.Statement> acls = new LinkedHashMap<>();
        for (NamedConf.Statement a : conf.all("acl")) {
            if (a.words().size() < 2 || a.block().isEmpty()) {
                throw new ParseError(a.path(), a.line(), "acl needs a name and a { list }");
            }
            NamedConf.Statement before = acls.put(a.words().get(1), a);
            if (before != null) {
                throw new ParseError(a.path(), a.line(), "attempt to redefine acl '" + a.words().get(1)
                        + "' (first at " + before.path() + ":" + before.line() + ")");
            }
        }
        List<NamedConf.Statement> all = conf.all("options");
        if (all.size() > 1) {
            throw new ParseError(all.get(1).path(), all.get(1).line(), "'options' redefined");
        }
        AddressMatchList aml = new AddressMatchList(acls);
        Optional<NamedConf.Statement> options = conf.options();
        List<NamedConf.Statement> views = conf.all("view");
        options.ifPresent(Bind::once);
        views.forEach(Bind::once);
        for (String client : OUTSIDE) {
            byte[] addr = Cidr.addressOf(client);
            if (!listening(options, addr.length == 16)) {
                continue;
            }
            Optional<NamedConf.Statement> view = Optional.empty();
            if (!views.isEmpty()) {
                for (NamedConf.Statement v : views) {
                    Optional<NamedConf.Statement> mc = v.child("match-clients");
                    boolean matches = mc.isEmpty() || aml.evaluate(mc.get().children(), addr).orElse(false);
                    if (matches) {
                        view = Optional.of(v);
                        break;
                    }
                }
                if (view.isEmpty()) {
                    continue; // no view serves this client: it is refused
                }
            }
            List<Evidence> ev = new ArrayList<>();
            Optional<NamedConf.Statement> recursion = option(view, options, "recursion");
            if (recursion.isPresent()) {
                ev.add(recursion.get().evidence());
                String v = recursion.get().words().size() > 1 ? recursion.get().words().get(1) : "";
                if (v.equals("no") || v.equals("false") || v.equals("0")) {
                    continue;
                }
            } else {
                ev.add(Evidence.note("recursion is not set: BIND's default is yes"));
            }
            Optional<NamedConf.Statement> query = option(view, options, "allow-query");
            Optional<NamedConf.Statement> cache = option(view, options, "allow-query-cache");
            Optional<NamedConf.Statement> rec = option(view, options, "allow-recursion");
            Optional<NamedConf.Statement> effRec = rec.or(() -> cache).or(() -> query);
            Optional<NamedConf.Statement> effCache = cache.or(() -> rec).or(() -> query);
            boolean q = query.map(s -> aml.evaluate(s.children(), addr).orElse(false)).orElse(true);
            boolean r = effRec.map(s -> aml.evaluate(s.children(), addr).orElse(false)).orElse(false);
            boolean c = effCache.map(s -> aml.evaluate(s.children(), addr).orElse(false)).orElse(false);
            if (q && r && c) {
                effRec.ifPresent(s -> ev.add(s.evidence()));
                if (effCache.isPresent() && effCache != effRec) {
                    ev.add(effCache.get().evidence());
                }
                query.filter(s -> !effRec.equals(Optional.of(s))).ifPresent(s -> ev.add(s.evidence()));
                view.ifPresent(v -> ev.add(0, Evidence.at(v.path(), v.line(), String.join(" ", v.words()))));
                return Optional.of(new Open(client, view.map(v -> "view " + String.join(" ", v.words().subList(1,
                        v.words().size()))).orElse("options"), List.copyOf(ev)));
            }
        }
        return Optional.empty();
    }

    private static void once(NamedConf.Statement block) {
        for (String name : ONCE) {
            List<NamedConf.Statement> set = block.children().stream().filter(c -> c.keyword().equals(name)).toList();
            if (set.size() > 1) {
                throw new ParseError(set.get(1).path(), set.get(1).line(), "'" + name + "' redefined");
            }
        }
    }

    /** The view's own statement, else the options block's. */
    private static Optional<NamedConf.Statement> option(Optional<NamedConf.Statement> view,
            Optional<NamedConf.Statement> options, String name) {
        return view.flatMap(v -> v.child(name)).or(() -> options.flatMap(o -> o.child(name)));
    }

    /**
     * Does named listen on a non-loopback address of this family? listen-on defaults to every
     * IPv4 interface, listen-on-v6 (BIND 9.18) to every IPv6 interface.
     */
    private static boolean listening(Optional<NamedConf.Statement> options, boolean v6) {
        List<NamedConf.Statement> ls = options.map(o -> o.children().stream()
                .filter(s -> s.keyword().equals(v6 ? "listen-on-v6" : "listen-on")).toList()).orElse(List.of());
        if (ls.isEmpty()) {
            return true;
        }
        for (NamedConf.Statement l : ls) {
            for (NamedConf.Statement e : l.children()) {
                String w = e.words().isEmpty() ? "" : e.words().getFirst();
                if (w.equals("none") || w.startsWith("!") || w.equals("localhost")) {
                    continue;
                }
                Optional<Cidr> c = Cidr.parse(w);
                if (c.isPresent() && isLoopback(c.get())) {
                    continue;
                }
                return true;
            }
        }
        return false;
    }

    private static boolean isLoopback(Cidr c) {
        byte[] a = c.address();
        if (a.length == 4) {
            return (a[0] & 0xff) == 127 && c.prefix() >= 8;
        }
        for (int i = 0; i < 15; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[15] == 1 && c.prefix() == 128;
    }
}
