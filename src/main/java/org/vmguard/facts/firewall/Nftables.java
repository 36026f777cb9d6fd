package org.vmguard.facts.firewall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.vmguard.core.Evidence;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.firewall.Ruleset.Chain;
import org.vmguard.facts.firewall.Ruleset.Match;
import org.vmguard.facts.firewall.Ruleset.PortSet;
import org.vmguard.facts.firewall.Ruleset.Rule;
import org.vmguard.facts.firewall.Ruleset.Verdict;

/**
 * A reader of the nft script syntax that decides what reaches the host: tables, chains with
 * `type filter hook input priority …; policy …;`, rules (`tcp dport { 22, 80 } accept`, `iifname
 * lo accept`, `ct state established,related accept`, verdict maps), `define`/`$var`, named sets,
 * `include` (globs; relative paths searched in /etc, as nft's default include path), the
 * `add`/`insert`/`flush`/`delete` commands. Statements nft has but that do not change who gets in
 * (sets of other types, counters, flowtables, quotas) are read over by their braces.
 */
public final class Nftables {

    /** Reads an included file: its text, or empty when missing; glob expansion gives the sorted names. */
    public interface Files {
        Optional<String> read(String path);

        List<String> glob(String pattern);
    }

    /** A chain as written, before its jumps are resolved. */
    public record ChainDef(String family, String table, String name, String type, String hook, String priority,
            Ruleset.Policy policy, List<Rule> rules, Evidence evidence) {
    }

    /** Everything read: chains by "family table chain". */
    public record Script(Map<String, ChainDef> chains, List<String> files) {

        /** The chains of IPv4 input (families ip and inet) and everything they can jump to. */
        public Ruleset ruleset(String source) {
            List<Chain> inputs = new ArrayList<>();
            Map<String, Chain> all = new LinkedHashMap<>();
            for (ChainDef d : chains.values()) {
                Chain c = new Chain(d.family() + " " + d.table() + " " + d.name(), d.hook() == null ? null
                        : d.policy() == null ? Ruleset.Policy.ACCEPT : d.policy(), qualify(d), d.evidence());
                all.put(c.name(), c);
                if ("input".equals(d.hook()) && (d.family().equals("ip") || d.family().equals("inet"))
                        && ("filter".equals(d.type()))) {
                    inputs.add(c);
                }
            }
            return new Ruleset(source, inputs, all);
        }

        private static List<Rule> qualify(ChainDef d) {
            return d.rules().stream().map(r -> r.verdict() instanceof Verdict.Jump j
                    ? new Rule(r.match(), new Verdict.Jump(d.family() + " " + d.table() + " " + j.chain(), j.isGoto()),
                            r.evidence())
                    : r).toList();
        }
    }

    static final Set<String> FAMILIES = Set.of("ip", "ip6", "inet", "arp", "bridge", "netdev");

    private record Token(String text, int line, String file, boolean quoted) {
        boolean is(String s) {
            return !quoted && text.equals(s);
        }
    }

    private final Files files;
    private final Map<String, List<Token>> defines = new HashMap<>();
    private final Map<String, ChainBuilder> chains = new LinkedHashMap<>();
    private final Map<String, List<String>> sets = new HashMap<>();
    private final Set<String> tables = new HashSet<>();
    private final List<String> read = new ArrayList<>();
    private int depth;

    private static final class ChainBuilder {
        String family;
        String table;
        String name;
        String type;
        String hook;
        String priority;
        Ruleset.Policy policy;
        final List<Rule> rules = new ArrayList<>();
        Evidence evidence;
    }

    private Nftables(Files files) {
        this.files = files;
    }

    /** Parses {@code path} and whatever it includes. */
    public static Script parse(String path, String text, Files files) {
        Nftables n = new Nftables(files);
        n.file(path, text);
        Map<String, ChainDef> out = new LinkedHashMap<>();
        n.chains.forEach((k, b) -> out.put(k, new ChainDef(b.family, b.table, b.name, b.type, b.hook, b.priority,
                b.policy, List.copyOf(b.rules), b.evidence)));
        return new Script(out, List.copyOf(n.read));
    }

    private void file(String path, String text) {
        if (++depth > 16) {
            throw new ParseError(path, 0, "include nested too deeply");
        }
        read.add(path);
        List<Token> toks = lex(path, text);
        Cursor c = new Cursor(toks, path);
        while (c.more()) {
            if (c.skipSeparators()) {
                continue;
            }
            command(c);
        }
        depth--;
    }

    /** A position in a token list. Newlines are kept as ";" tokens since they end statements. */
    private final class Cursor {
        final List<Token> t;
        final String path;
        int i;

        Cursor(List<Token> t, String path) {
            this.t = new ArrayList<>(t);
            this.path = path;
        }

        /** Expands a $variable at the current position (defines take effect from where they are read). */
        void fix() {
            int guard = 0;
            while (i < t.size() && !t.get(i).quoted() && t.get(i).text().startsWith("$")) {
                Token k = t.get(i);
                List<Token> value = defines.get(k.text().substring(1));
                if (value == null) {
                    throw error(k, "unknown variable " + k.text());
                }
                if (++guard > 100) {
                    throw error(k, "variable " + k.text() + " refers to itself");
                }
                t.remove(i);
                List<Token> copy = value.stream().map(v -> new Token(v.text(), k.line(), k.file(), v.quoted())).toList();
                t.addAll(i, copy);
            }
        }

        boolean more() {
            fix();
            return i < t.size();
        }

        Token peek() {
            fix();
            return i < t.size() ? t.get(i) : null;
        }

        boolean at(String s) {
            return more() && t.get(i).is(s);
        }

        Token next(String what) {
            if (!more()) {
                int line = t.isEmpty() ? 0 : t.get(t.size() - 1).line();
                throw new ParseError(t.isEmpty() ? path : t.get(t.size() - 1).file(), line, "expected " + what
                        + " at the end of the file");
            }
            return t.get(i++);
        }

        Token expect(String s) {
            Token k = next("`" + s + "`");
            if (!k.is(s)) {
                throw error(k, "expected `" + s + "` but found `" + k.text() + "`");
            }
            return k;
        }

        boolean skipSeparators() {
            boolean any = false;
            while (more() && (at(";") || at("\n"))) {
                i++;
                any = true;
            }
            return any;
        }

        /** The tokens up to the end of the statement (";" or newline at this brace depth). */
        List<Token> statement() {
            List<Token> out = new ArrayList<>();
            int level = 0;
            while (more()) {
                Token k = t.get(i);
                if (level < 0) {
                    throw error(k, "unbalanced `}`");
                }
                if (level == 0 && (k.is(";") || k.is("\n") || k.is("}"))) {
                    break;
                }
                i++;
                if (k.is("{")) {
                    level++;
                } else if (k.is("}")) {
                    level--;
                }
                if (!(level > 0 && k.is("\n"))) {
                    out.add(k);
                }
            }
            return out;
        }

        /** Skips a balanced { … } block starting at the current "{". */
        void skipBlock() {
            Token open = expect("{");
            int level = 1;
            while (level > 0) {
                if (!more()) {
                    throw error(open, "unclosed `{`");
                }
                Token k = t.get(i++);
                if (k.is("{")) {
                    level++;
                } else if (k.is("}")) {
                    level--;
                }
            }
        }
    }

    private static ParseError error(Token k, String msg) {
        return new ParseError(k.file(), k.line(), msg);
    }

    private void command(Cursor c) {
        Token first = c.next("a command");
        String w = first.text();
        if (first.quoted()) {
            throw error(first, "unexpected string \"" + w + "\"");
        }
        switch (w) {
            case "include" -> include(c, first);
            case "define", "redefine" -> define(c, first);
            case "undefine" -> defines.remove(c.next("a name").text());
            case "flush" -> flush(c, first);
            case "table" -> table(c, first, false);
            case "add", "create", "insert", "replace", "delete", "destroy" -> {
                Token what = c.next("an object");
                switch (what.text()) {
                    case "table" -> {
                        if (w.equals("delete") || w.equals("destroy")) {
                            String[] ft = familyAndName(c, first);
                            tables.remove(ft[0] + " " + ft[1]);
                            chains.keySet().removeIf(k -> k.startsWith(ft[0] + " " + ft[1] + " "));
                            c.statement();
                        } else {
                            table(c, first, true);
                        }
                    }
                    case "chain" -> {
                        if (w.equals("delete") || w.equals("destroy")) {
                            String[] ft = familyAndName(c, first);
                            chains.remove(ft[0] + " " + ft[1] + " " + c.next("a chain").text());
                            c.statement();
                        } else {
                            String[] ft = familyAndName(c, first);
                            requireTable(first, ft);
                            Token name = c.next("a chain name");
                            ChainBuilder b = chain(ft[0], ft[1], name);
                            if (c.at("{")) {
                                chainBody(c, b);
                            }
                        }
                    }
                    case "rule" -> {
                        if (w.equals("delete") || w.equals("destroy") || w.equals("replace")) {
                            throw error(what, "`" + w + " rule` needs a handle, which a configuration file cannot know");
                        }
                        String[] ft = familyAndName(c, first);
                        Token chainName = c.next("a chain name");
                        ChainBuilder b = chains.get(ft[0] + " " + ft[1] + " " + chainName.text());
                        if (b == null) {
                            throw error(chainName, "no chain " + chainName.text() + " in table " + ft[0] + " " + ft[1]);
                        }
                        int position = -1;
                        if (c.at("position") || c.at("index") || c.at("handle")) {
                            throw error(c.peek(), "rule positions refer to handles, which a configuration file cannot know");
                        }
                        List<Rule> rules = rule(c.path, chainName.line(), c.statement(), ft[0], ft[1]);
                        if (w.equals("insert")) {
                            b.rules.addAll(position < 0 ? 0 : position, rules);
                        } else {
                            b.rules.addAll(rules);
                        }
                    }
                    case "set", "map", "element", "counter", "quota", "limit", "flowtable", "ct", "secmark",
                            "synproxy" -> {
                        List<Token> st = c.statement();
                        if (what.text().equals("element") && st.size() >= 2) {
                            elements(st, first);
                        }
                    }
                    default -> throw error(what, "unknown object `" + what.text() + "` after " + w);
                }
            }
            case "list", "monitor", "describe", "reset", "rename", "export", "import" -> c.statement();
            default -> {
                if (w.startsWith("#!")) {
                    c.statement();
                    return;
                }
                throw error(first, "unknown command `" + w + "`");
            }
        }
    }

    private void requireTable(Token at, String[] ft) {
        if (!tables.contains(ft[0] + " " + ft[1])) {
            throw error(at, "no table " + ft[0] + " " + ft[1]);
        }
    }

    /** [family] name, the family defaulting to ip. */
    private String[] familyAndName(Cursor c, Token at) {
        Token a = c.next("a table name");
        if (FAMILIES.contains(a.text()) && !c.at("{") && !c.at(";") && !c.at("\n") && c.more()) {
            Token name = c.next("a table name");
            return new String[] {a.text(), name.text()};
        }
        return new String[] {"ip", a.text()};
    }

    private void include(Cursor c, Token at) {
        Token p = c.next("a file name");
        if (!p.quoted()) {
            throw error(p, "include needs a quoted file name");
        }
        String path = p.text();
        boolean glob = path.contains("*") || path.contains("?") || path.contains("[");
        String full = path.startsWith("/") ? path : "/etc/" + path;
        if (glob) {
            for (String f : files.glob(full)) {
                files.read(f).ifPresent(t -> file(f, t));
            }
            return;
        }
        Optional<String> text = files.read(full);
        if (text.isEmpty()) {
            throw error(at, "included file " + full + " does not exist");
        }
        file(full, text.get());
    }

    private void define(Cursor c, Token at) {
        Token name = c.next("a variable name");
        c.expect("=");
        List<Token> value = c.statement();
        if (value.isEmpty()) {
            throw error(name, "define " + name.text() + " has no value");
        }
        defines.put(name.text(), value);
    }

    private void flush(Cursor c, Token at) {
        Token what = c.next("ruleset, table or chain");
        switch (what.text()) {
            case "ruleset" -> {
                List<Token> rest = c.statement();
                String fam = rest.isEmpty() ? null : rest.get(0).text();
                chains.keySet().removeIf(k -> fam == null || k.startsWith(fam + " "));
                tables.removeIf(k -> fam == null || k.startsWith(fam + " "));
            }
            case "table" -> {
                String[] ft = familyAndName(c, at);
                chains.entrySet().stream().filter(e -> e.getKey().startsWith(ft[0] + " " + ft[1] + " "))
                        .forEach(e -> e.getValue().rules.clear());
                c.statement();
            }
            case "chain" -> {
                String[] ft = familyAndName(c, at);
                ChainBuilder b = chains.get(ft[0] + " " + ft[1] + " " + c.next("a chain name").text());
                if (b != null) {
                    b.rules.clear();
                }
                c.statement();
            }
            default -> c.statement();
        }
    }

    private void table(Cursor c, Token at, boolean viaAdd) {
        String[] ft = familyAndName(c, at);
        tables.add(ft[0] + " " + ft[1]);
        if (!c.at("{")) {
            return;
        }
        Token open = c.expect("{");
        while (true) {
            c.skipSeparators();
            if (!c.more()) {
                throw error(open, "table " + ft[1] + ": unclosed `{`");
            }
            if (c.at("}")) {
                c.next("}");
                return;
            }
            Token k = c.next("chain, set or another table member");
            switch (k.text()) {
                case "chain" -> {
                    Token name = c.next("a chain name");
                    ChainBuilder b = chain(ft[0], ft[1], name);
                    chainBody(c, b);
                    if (c.at("}")) {
                        throw error(c.peek(), "expected a newline or `;` after chain " + name.text());
                    }
                }
                case "set", "map" -> {
                    Token name = c.next("a set name");
                    int from = c.i;
                    c.skipBlock();
                    List<Token> body = c.t.subList(from, c.i);
                    sets.put(ft[0] + " " + ft[1] + " " + name.text(), setElements(body));
                }
                case "flowtable", "counter", "quota", "limit", "secmark", "synproxy" -> {
                    c.next("a name");
                    c.skipBlock();
                }
                case "ct" -> {
                    c.next("helper, timeout or expectation");
                    c.next("a name");
                    c.skipBlock();
                }
                case "flags", "comment" -> c.statement();
                default -> throw error(k, "unexpected `" + k.text() + "` in table " + ft[1]);
            }
        }
    }

    private ChainBuilder chain(String family, String table, Token name) {
        String key = family + " " + table + " " + name.text();
        ChainBuilder b = chains.get(key);
        if (b == null) {
            b = new ChainBuilder();
            b.family = family;
            b.table = table;
            b.name = name.text();
            b.evidence = Evidence.at(name.file(), name.line(), "chain " + name.text() + " (table " + family + " " + table + ")");
            chains.put(key, b);
        }
        return b;
    }

    private void chainBody(Cursor c, ChainBuilder b) {
        Token open = c.expect("{");
        while (true) {
            c.skipSeparators();
            if (!c.more()) {
                throw error(open, "chain " + b.name + ": unclosed `{`");
            }
            if (c.at("}")) {
                c.next("}");
                return;
            }
            Token first = c.peek();
            List<Token> st = c.statement();
            if (st.isEmpty()) {
                throw error(first, "unexpected `" + first.text() + "`");
            }
            if (c.at("}")) {
                // nft's grammar: every statement ends with a newline or ";", the last one too
                throw error(c.peek(), "expected a newline or `;` before `}`");
            }
            switch (st.get(0).text()) {
                case "type" -> {
                    if (st.size() < 6 || !st.get(2).is("hook") || !st.get(4).is("priority")) {
                        throw error(first, "expected `type TYPE hook HOOK priority PRIORITY`");
                    }
                    if (!Set.of("filter", "nat", "route").contains(st.get(1).text())) {
                        throw error(st.get(1), "unknown chain type " + st.get(1).text());
                    }
                    b.type = st.get(1).text();
                    b.hook = st.get(3).text();
                    b.priority = String.join(" ", st.subList(5, st.size()).stream().map(Token::text).toList());
                    b.evidence = Evidence.at(first.file(), first.line(), "chain " + b.name + ": type " + b.type
                            + " hook " + b.hook + " priority " + b.priority);
                }
                case "policy" -> {
                    if (st.size() != 2 || !(st.get(1).is("accept") || st.get(1).is("drop"))) {
                        throw error(first, "expected `policy accept` or `policy drop`");
                    }
                    b.policy = st.get(1).is("drop") ? Ruleset.Policy.DROP : Ruleset.Policy.ACCEPT;
                    b.evidence = Evidence.at(first.file(), first.line(), "chain " + b.name + ": policy "
                            + st.get(1).text());
                }
                case "comment", "devices", "flags" -> {
                }
                default -> b.rules.addAll(rule(first.file(), first.line(), st, b.family, b.table));
            }
        }
    }

    private void elements(List<Token> st, Token at) {
        // add element [family] table set { … }
        int i = 0;
        String fam = "ip";
        if (FAMILIES.contains(st.get(0).text()) && st.size() > 2 && !st.get(2).is("{")) {
            fam = st.get(0).text();
            i = 1;
        }
        if (st.size() < i + 2) {
            return;
        }
        String key = fam + " " + st.get(i).text() + " " + st.get(i + 1).text();
        List<String> el = sets.computeIfAbsent(key, k -> new ArrayList<>());
        el.addAll(values(st.subList(Math.min(i + 2, st.size()), st.size())));
    }

    private static List<String> setElements(List<Token> body) {
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i).is("elements") && i + 2 < body.size() && body.get(i + 1).is("=")) {
                int end = i + 2;
                int level = 0;
                for (; end < body.size(); end++) {
                    if (body.get(end).is("{")) {
                        level++;
                    } else if (body.get(end).is("}")) {
                        level--;
                        if (level == 0) {
                            break;
                        }
                    }
                }
                return values(body.subList(i + 2, Math.min(end + 1, body.size())));
            }
        }
        return new ArrayList<>();
    }

    private static List<String> values(List<Token> toks) {
        List<String> out = new ArrayList<>();
        for (Token k : toks) {
            if (!k.is("{") && !k.is("}") && !k.is(",") && !k.is("\n") && !k.is(";")) {
                out.add(k.text());
            }
        }
        return out;
    }

    /** One rule statement, as one or more rules (a verdict map becomes one rule per entry). */
    private List<Rule> rule(String file, int line, List<Token> st, String family, String table) {
        Evidence ev = Evidence.at(file, line, String.join(" ", st.stream().map(k -> k.quoted() ? "\"" + k.text()
                + "\"" : k.text()).toList()).replace(" , ", ", "));
        Set<String> protocols = new HashSet<>();
        PortSet ports = null;
        boolean loopback = false;
        boolean restricted = false;
        boolean matchesNew = true;
        Verdict verdict = new Verdict.Continue();
        Map<String, Verdict> portVmap = null;
        int i = 0;
        while (i < st.size()) {
            Token k = st.get(i);
            String w = k.text();
            switch (w) {
                case "accept" -> {
                    verdict = new Verdict.Accept();
                    i++;
                }
                case "drop" -> {
                    verdict = new Verdict.Drop();
                    i++;
                }
                case "reject" -> {
                    verdict = new Verdict.Drop();
                    i++;
                    if (i < st.size() && st.get(i).is("with")) {
                        // "with tcp reset" or "with icmp|icmpv6|icmpx type NAME"
                        i += i + 1 < st.size() && st.get(i + 1).is("tcp") ? 3 : 4;
                    }
                }
                case "return" -> {
                    verdict = new Verdict.Return();
                    i++;
                }
                case "continue", "counter", "notrack" -> i++;
                case "jump", "goto" -> {
                    if (i + 1 >= st.size()) {
                        throw error(k, w + " needs a chain");
                    }
                    verdict = new Verdict.Jump(st.get(i + 1).text(), w.equals("goto"));
                    i += 2;
                }
                case "queue" -> {
                    i = skipArgs(st, i + 1);
                }
                case "log", "limit", "comment", "meta" -> {
                    if (w.equals("meta") && i + 1 < st.size()) {
                        String key = st.get(i + 1).text();
                        if (key.equals("l4proto") || key.equals("iifname") || key.equals("iif")
                                || key.equals("nfproto")) {
                            st = new ArrayList<>(st);
                            st.remove(i);
                            continue;
                        }
                        Cmp cmp = cmp(st, i + 2);
                        i = cmp.next;
                        restricted = true;
                        continue;
                    }
                    i = skipArgs(st, i + 1);
                }
                case "tcp", "udp", "th", "sctp", "dccp", "udplite" -> {
                    if (!w.equals("th")) {
                        protocols.add(w);
                    }
                    if (i + 1 < st.size() && (st.get(i + 1).is("dport") || st.get(i + 1).is("sport")
                            || st.get(i + 1).is("flags"))) {
                        String field = st.get(i + 1).text();
                        if (i + 2 < st.size() && st.get(i + 2).is("vmap") && field.equals("dport")) {
                            Cmp cmp = cmp(st, i + 3);
                            portVmap = vmap(cmp.values, k);
                            i = cmp.next;
                            continue;
                        }
                        Cmp cmp = cmp(st, i + 2);
                        if (field.equals("dport") && !cmp.negated) {
                            ports = ports(k, cmp.values, family, table);
                            if (ports == null) {
                                restricted = true;
                            }
                        } else {
                            restricted = true;
                        }
                        i = cmp.next;
                    } else {
                        i = cmp(st, i + 2).next;
                        restricted = true;
                    }
                }
                case "l4proto" -> {
                    Cmp cmp = cmp(st, i + 1);
                    if (cmp.negated) {
                        restricted = true;
                    } else {
                        cmp.values.forEach(v -> protocols.add(v.toLowerCase(Locale.ROOT)));
                    }
                    i = cmp.next;
                }
                case "nfproto" -> {
                    Cmp cmp = cmp(st, i + 1);
                    if (!cmp.negated && !cmp.values.contains("ipv4")) {
                        matchesNew = false; // IPv6 only: never an IPv4 client
                    }
                    i = cmp.next;
                }
                case "iifname", "iif" -> {
                    Cmp cmp = cmp(st, i + 1);
                    if (!cmp.negated && cmp.values.size() == 1 && cmp.values.get(0).equals("lo")) {
                        loopback = true;
                    } else if (!cmp.negated) {
                        restricted = true;
                    }
                    i = cmp.next;
                }
                case "ct" -> {
                    if (i + 1 < st.size() && st.get(i + 1).is("state")) {
                        if (i + 2 < st.size() && st.get(i + 2).is("vmap")) {
                            Cmp cmp = cmp(st, i + 3);
                            Map<String, Verdict> m = vmap(cmp.values, k);
                            if (m.containsKey("new")) {
                                verdict = m.get("new");
                            } else {
                                matchesNew = false;
                            }
                            i = cmp.next;
                            continue;
                        }
                        Cmp cmp = cmp(st, i + 2);
                        boolean hasNew = cmp.values.contains("new");
                        matchesNew = cmp.negated ? !hasNew : hasNew;
                        i = cmp.next;
                    } else {
                        i = cmp(st, i + 3).next;
                        restricted = true;
                    }
                }
                case "ip" -> {
                    if (i + 1 < st.size() && st.get(i + 1).is("protocol")) {
                        Cmp cmp = cmp(st, i + 2);
                        if (cmp.negated) {
                            restricted = true;
                        } else {
                            cmp.values.forEach(v -> protocols.add(v.toLowerCase(Locale.ROOT)));
                        }
                        i = cmp.next;
                    } else {
                        i = cmp(st, i + 2).next;
                        restricted = true;
                    }
                }
                case "ip6", "icmpv6" -> {
                    matchesNew = false;
                    i = cmp(st, i + 2).next;
                }
                case "icmp", "igmp" -> {
                    protocols.add(w);
                    i = cmp(st, i + 2).next;
                }
                default -> {
                    // a selector we do not model (ether, fib, mark, …): it narrows the match
                    restricted = true;
                    i = cmp(st, i + 2).next;
                }
            }
        }
        if (portVmap != null) {
            List<Rule> out = new ArrayList<>();
            for (Map.Entry<String, Verdict> e : portVmap.entrySet()) {
                PortSet p = ports(st.get(0), List.of(e.getKey()), family, table);
                out.add(new Rule(new Match(protocols, p, loopback, restricted, matchesNew), e.getValue(), ev));
            }
            return out;
        }
        return List.of(new Rule(new Match(protocols, ports, loopback, restricted, matchesNew), verdict, ev));
    }

    /** A comparison's right-hand side: one value, a list "a,b", a { set }, or @named. */
    private record Cmp(List<String> values, boolean negated, int next) {
    }

    private static final Set<String> STATEMENT_WORDS = Set.of("accept", "drop", "reject", "return", "jump", "goto",
            "continue", "counter", "log", "limit", "comment", "queue", "notrack", "meta", "tcp", "udp", "th", "sctp",
            "ct", "ip", "ip6", "iifname", "iif", "oifname", "oif", "icmp", "icmpv6", "l4proto", "nfproto", "ether",
            "fib", "mark", "dccp", "udplite", "igmp", "masquerade", "snat", "dnat", "redirect", "set", "update",
            "add", "vmap");

    private Cmp cmp(List<Token> st, int i) {
        boolean neg = false;
        if (i < st.size() && (st.get(i).is("!=") || st.get(i).is("!"))) {
            neg = true;
            i++;
        } else if (i < st.size() && (st.get(i).is("==") || st.get(i).is("eq"))) {
            i++;
        } else if (i < st.size() && Set.of("<", ">", "<=", ">=", "lt", "gt", "le", "ge", "ne").contains(st.get(i).text())) {
            neg = true; // an inequality: treat as a narrowing we do not model
            i++;
        }
        List<String> values = new ArrayList<>();
        if (i < st.size() && st.get(i).is("{")) {
            int level = 0;
            for (; i < st.size(); i++) {
                Token k = st.get(i);
                if (k.is("{")) {
                    level++;
                } else if (k.is("}")) {
                    level--;
                    if (level == 0) {
                        i++;
                        break;
                    }
                } else if (!k.is(",")) {
                    values.add(k.text());
                }
            }
            return new Cmp(values, neg, i);
        }
        while (i < st.size()) {
            Token k = st.get(i);
            if (!k.quoted() && STATEMENT_WORDS.contains(k.text()) && !values.isEmpty()) {
                break;
            }
            if (!k.quoted() && STATEMENT_WORDS.contains(k.text()) && values.isEmpty()
                    && !(k.text().equals("ip") || k.text().equals("tcp") || k.text().equals("udp"))) {
                break;
            }
            values.add(k.text());
            i++;
            if (i < st.size() && st.get(i).is(",")) {
                i++;
                continue;
            }
            break;
        }
        return new Cmp(values, neg, i);
    }

    private static int skipArgs(List<Token> st, int i) {
        while (i < st.size() && !(STATEMENT_WORDS.contains(st.get(i).text()) && !st.get(i).quoted())) {
            i++;
        }
        return i;
    }

    private static Map<String, Verdict> vmap(List<String> values, Token at) {
        Map<String, Verdict> m = new LinkedHashMap<>();
        for (int j = 0; j + 2 < values.size() + 1; j++) {
            if (j + 1 < values.size() && values.get(j + 1).equals(":") && j + 2 < values.size()) {
                String v = values.get(j + 2);
                Verdict verdict = switch (v) {
                    case "accept" -> new Verdict.Accept();
                    case "drop", "reject" -> new Verdict.Drop();
                    case "return" -> new Verdict.Return();
                    case "jump", "goto" -> {
                        if (j + 3 >= values.size()) {
                            throw error(at, "vmap " + v + " needs a chain");
                        }
                        yield new Verdict.Jump(values.get(j + 3), v.equals("goto"));
                    }
                    default -> new Verdict.Continue();
                };
                for (String key : values.get(j).split(",")) {
                    m.put(key, verdict);
                }
                j += (v.equals("jump") || v.equals("goto")) ? 3 : 2;
            }
        }
        return m;
    }

    /** Port values: numbers, service names, ranges a-b, @sets; null when they cannot be known. */
    private PortSet ports(Token at, List<String> values, String family, String table) {
        List<int[]> ranges = new ArrayList<>();
        for (String v : values) {
            if (v.startsWith("@")) {
                List<String> el = sets.get(family + " " + table + " " + v.substring(1));
                if (el == null) {
                    return null;
                }
                PortSet inner = ports(at, el, family, table);
                if (inner == null) {
                    return null;
                }
                ranges.addAll(inner.ranges());
                continue;
            }
            String[] ab = v.split("-", -1);
            try {
                if (ab.length == 2 && !ab[0].isEmpty() && !ab[1].isEmpty()) {
                    int lo = Services.port(at.file(), at.line(), ab[0]);
                    int hi = Services.port(at.file(), at.line(), ab[1]);
                    ranges.add(new int[] {Math.min(lo, hi), Math.max(lo, hi)});
                } else {
                    int p = Services.port(at.file(), at.line(), v);
                    ranges.add(new int[] {p, p});
                }
            } catch (ParseError e) {
                return null;
            }
        }
        return new PortSet(ranges);
    }

    /** Tokens with $variables expanded; newlines become "\n" tokens (statement ends). */
    private List<Token> lex(String path, String text) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char ch = text.charAt(i);
            if (ch == '\\' && i + 1 < n && text.charAt(i + 1) == '\n') {
                i += 2;
                line++;
                continue;
            }
            if (ch == '\n') {
                out.add(new Token("\n", line, path, false));
                line++;
                i++;
                continue;
            }
            if (Character.isWhitespace(ch)) {
                i++;
                continue;
            }
            if (ch == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (ch == '"') {
                int j = i + 1;
                StringBuilder b = new StringBuilder();
                while (j < n && text.charAt(j) != '"') {
                    if (text.charAt(j) == '\n') {
                        throw new ParseError(path, line, "unterminated string");
                    }
                    b.append(text.charAt(j));
                    j++;
                }
                if (j >= n) {
                    throw new ParseError(path, line, "unterminated string");
                }
                out.add(new Token(b.toString(), line, path, true));
                i = j + 1;
                continue;
            }
            if (ch == '{' || ch == '}' || ch == ';' || ch == ',' || ch == '(' || ch == ')') {
                out.add(new Token(String.valueOf(ch), line, path, false));
                i++;
                continue;
            }
            int j = i;
            while (j < n) {
                char c = text.charAt(j);
                if (Character.isWhitespace(c) || c == '{' || c == '}' || c == ';' || c == ',' || c == '"' || c == '#'
                        || c == '(' || c == ')') {
                    break;
                }
                j++;
            }
            String word = text.substring(i, j);
            i = j;
            // "a:b" inside a vmap: split the colon off so "22 : accept" and "22: accept" read alike
            if (word.endsWith(":") && word.length() > 1 && !word.contains("::")) {
                out.add(new Token(word.substring(0, word.length() - 1), line, path, false));
                out.add(new Token(":", line, path, false));
                continue;
            }
            out.add(new Token(word, line, path, false));
        }
        return out;
    }

    /** Reads through a function, for tests: a map of path → text. */
    public static Files files(Function<String, Optional<String>> read, Function<String, List<String>> glob) {
        return new Files() {
            @Override
            public Optional<String> read(String path) {
                return read.apply(path);
            }

            @Override
            public List<String> glob(String pattern) {
                return glob.apply(pattern);
            }
        };
    }
}
