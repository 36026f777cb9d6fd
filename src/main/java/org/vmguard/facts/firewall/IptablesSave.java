package org.vmguard.facts.firewall;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vmguard.core.Evidence;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.firewall.Ruleset.Chain;
import org.vmguard.facts.firewall.Ruleset.Match;
import org.vmguard.facts.firewall.Ruleset.PortSet;
import org.vmguard.facts.firewall.Ruleset.Rule;
import org.vmguard.facts.firewall.Ruleset.Verdict;

/**
 * The iptables-save / iptables-restore format (/etc/iptables/rules.v4, /etc/sysconfig/iptables,
 * ufw's user.rules, the output of `iptables-save`): `*table`, `:CHAIN POLICY [p:b]`, `-A CHAIN
 * args…`, `COMMIT`. Only the filter table's INPUT path matters for what reaches the host.
 */
public final class IptablesSave {

    private static final Set<String> BUILTIN = Set.of("INPUT", "OUTPUT", "FORWARD", "PREROUTING", "POSTROUTING");
    private static final Set<String> TABLES = Set.of("filter", "nat", "mangle", "raw", "security");
    /** Targets that do not end a packet's walk through the chain. */
    private static final Set<String> NON_TERMINAL = Set.of("LOG", "NFLOG", "ULOG", "MARK", "CONNMARK", "TRACE",
            "AUDIT", "CLASSIFY", "DSCP", "TOS", "TTL", "HL", "CT", "NOTRACK", "TCPMSS", "SECMARK", "CONNSECMARK",
            "SET", "TEE", "CHECKSUM", "RATEEST", "IDLETIMER", "LED");
    /** Options of match modules and targets that take one argument and do not narrow who gets in. */
    private static final Set<String> HARMLESS_WITH_ARG = Set.of("--comment", "--log-prefix", "--log-level",
            "--reject-with", "--limit", "--limit-burst", "--nflog-group", "--nflog-prefix", "--set-mark",
            "--nflog-threshold", "--nflog-range", "--nflog-size", "--set-xmark", "--log-uid", "--to-ports",
            "--set-mss", "--icmp-type", "--icmpv6-type", "--set-class", "--name", "--seconds", "--hitcount");
    private static final Set<String> HARMLESS_FLAGS = Set.of("--syn", "--log-tcp-sequence", "--log-tcp-options",
            "--log-ip-options", "--log-uid", "--clamp-mss-to-pmtu", "--set", "--update", "--rcheck", "--rsource");

    private IptablesSave() {
    }

    /** A parsed file: every table's chains in order. */
    public record Tables(Map<String, Map<String, Chain>> tables) {

        /** The filter table seen as a {@link Ruleset}; an empty ruleset when the file has no filter table. */
        public Ruleset ruleset(String source) {
            Map<String, Chain> filter = tables.getOrDefault("filter", Map.of());
            Chain input = filter.get("INPUT");
            return new Ruleset(source, input == null ? List.of() : List.of(input), filter);
        }
    }

    public static Tables parse(String path, String text) {
        Map<String, Map<String, Chain>> tables = new LinkedHashMap<>();
        String table = null;
        int tableLine = 0;
        Map<String, Chain> chains = null;
        Map<String, List<Rule>> rules = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int no = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("*")) {
                if (table != null) {
                    throw new ParseError(path, no, "COMMIT expected before the next table (table " + table
                            + " opened at line " + tableLine + ")");
                }
                table = line.substring(1).strip();
                if (!TABLES.contains(table)) {
                    throw new ParseError(path, no, "unknown table " + table);
                }
                tableLine = no;
                chains = new LinkedHashMap<>();
                rules = new LinkedHashMap<>();
                continue;
            }
            if (table == null) {
                throw new ParseError(path, no, "a table (*filter) must open before " + clip(line));
            }
            if (line.equals("COMMIT")) {
                Map<String, Chain> done = new LinkedHashMap<>();
                for (Chain c : chains.values()) {
                    done.put(c.name(), new Chain(c.name(), c.policy(), rules.get(c.name()), c.evidence()));
                }
                tables.put(table, done);
                table = null;
                continue;
            }
            List<String> args = tokens(path, no, line);
            if (line.startsWith(":")) {
                if (args.size() < 2) {
                    throw new ParseError(path, no, "chain declaration needs a policy: " + clip(line));
                }
                String name = args.get(0).substring(1);
                String pol = args.get(1);
                if (name.isEmpty()) {
                    throw new ParseError(path, no, "chain without a name");
                }
                Ruleset.Policy policy;
                if (pol.equals("-")) {
                    if (BUILTIN.contains(name)) {
                        throw new ParseError(path, no, "built-in chain " + name + " needs a policy");
                    }
                    policy = null;
                } else if (pol.equals("ACCEPT")) {
                    policy = Ruleset.Policy.ACCEPT;
                } else if (pol.equals("DROP")) {
                    policy = Ruleset.Policy.DROP;
                } else {
                    throw new ParseError(path, no, "bad policy " + pol + " (ACCEPT, DROP or -)");
                }
                if (policy != null && !BUILTIN.contains(name)) {
                    throw new ParseError(path, no, "user chain " + name + " cannot have a policy");
                }
                chains.put(name, new Chain(name, policy, List.of(), Evidence.at(path, no, clip(line))));
                rules.put(name, new ArrayList<>());
                continue;
            }
            if (args.get(0).startsWith("[")) {
                args.remove(0); // [packets:bytes] counters of iptables-save -c
            }
            if (args.isEmpty()) {
                throw new ParseError(path, no, "empty rule");
            }
            String cmd = args.get(0);
            if (cmd.equals("-N") || cmd.equals("--new-chain")) {
                String name = arg(path, no, args, 1);
                chains.put(name, new Chain(name, null, List.of(), Evidence.at(path, no, clip(line))));
                rules.put(name, new ArrayList<>());
                continue;
            }
            if (cmd.equals("-A") || cmd.equals("--append") || cmd.equals("-I") || cmd.equals("--insert")) {
                String name = arg(path, no, args, 1);
                if (!chains.containsKey(name)) {
                    throw new ParseError(path, no, "chain " + name + " does not exist");
                }
                int from = 2;
                boolean insert = cmd.equals("-I") || cmd.equals("--insert");
                int at = 0;
                if (insert && args.size() > 2 && args.get(2).matches("\\d+")) {
                    at = Integer.parseInt(args.get(2)) - 1;
                    from = 3;
                }
                Rule r = rule(path, no, line, args.subList(from, args.size()), chains.keySet());
                List<Rule> list = rules.get(name);
                if (insert) {
                    list.add(Math.min(Math.max(at, 0), list.size()), r);
                } else {
                    list.add(r);
                }
                continue;
            }
            if (cmd.equals("-P") || cmd.equals("--policy")) {
                String name = arg(path, no, args, 1);
                String pol = arg(path, no, args, 2);
                Chain c = chains.get(name);
                if (c == null || !BUILTIN.contains(name) || !(pol.equals("ACCEPT") || pol.equals("DROP"))) {
                    throw new ParseError(path, no, "bad policy line " + clip(line));
                }
                chains.put(name, new Chain(name, Ruleset.Policy.valueOf(pol), List.of(), Evidence.at(path, no, clip(line))));
                continue;
            }
            throw new ParseError(path, no, "unknown command " + clip(line));
        }
        if (table != null) {
            throw new ParseError(path, lines.length, "COMMIT expected at the end (table " + table + " opened at line "
                    + tableLine + ")");
        }
        return new Tables(tables);
    }

    private static String arg(String path, int no, List<String> args, int i) {
        if (i >= args.size()) {
            throw new ParseError(path, no, args.get(0) + " needs an argument");
        }
        return args.get(i);
    }

    static Rule rule(String path, int no, String line, List<String> args, Set<String> chainNames) {
        Set<String> protocols = new HashSet<>();
        PortSet ports = null;
        boolean loopback = false;
        boolean restricted = false;
        boolean newAllowed = true;
        Verdict verdict = new Verdict.Continue();
        boolean negate = false;
        boolean jumped = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("!")) {
                negate = true;
                continue;
            }
            boolean neg = negate;
            negate = false;
            switch (a) {
                case "-p", "--protocol" -> {
                    String p = value(path, no, args, ++i).toLowerCase(Locale.ROOT);
                    if (neg) {
                        restricted = true;
                    } else if (!p.equals("all") && !p.equals("0")) {
                        protocols.add(p.equals("6") ? "tcp" : p.equals("17") ? "udp" : p);
                    }
                }
                case "-s", "--source", "--src", "-d", "--destination", "--dst", "-o", "--out-interface" -> {
                    value(path, no, args, ++i);
                    restricted = true;
                }
                case "-i", "--in-interface" -> {
                    String dev = value(path, no, args, ++i);
                    if (!neg && dev.equals("lo")) {
                        loopback = true;
                    } else if (!neg) {
                        restricted = true;
                    }
                }
                case "-m", "--match" -> value(path, no, args, ++i);
                case "--dport", "--destination-port", "--dports", "--destination-ports" -> {
                    String v = value(path, no, args, ++i);
                    if (neg) {
                        restricted = true;
                    } else {
                        ports = ports(path, no, v);
                    }
                }
                case "--sport", "--source-port", "--sports", "--source-ports" -> {
                    value(path, no, args, ++i);
                    restricted = true;
                }
                case "--ctstate", "--state" -> {
                    Set<String> states = Set.of(value(path, no, args, ++i).toUpperCase(Locale.ROOT).split(","));
                    boolean hasNew = states.contains("NEW");
                    newAllowed = neg ? !hasNew : hasNew;
                }
                case "--tcp-flags" -> {
                    value(path, no, args, ++i);
                    value(path, no, args, ++i);
                    restricted = true;
                }
                case "-j", "--jump", "-g", "--goto" -> {
                    String t = value(path, no, args, ++i);
                    jumped = true;
                    verdict = switch (t) {
                        case "ACCEPT" -> new Verdict.Accept();
                        case "DROP", "REJECT" -> new Verdict.Drop();
                        case "RETURN" -> new Verdict.Return();
                        default -> {
                            if (chainNames.contains(t)) {
                                yield new Verdict.Jump(t, a.equals("-g") || a.equals("--goto"));
                            }
                            if (NON_TERMINAL.contains(t) || t.matches("[A-Z][A-Z0-9_]*")) {
                                yield new Verdict.Continue();
                            }
                            throw new ParseError(path, no, "chain " + t + " does not exist");
                        }
                    };
                }
                default -> {
                    if (HARMLESS_WITH_ARG.contains(a)) {
                        value(path, no, args, ++i);
                    } else if (HARMLESS_FLAGS.contains(a)) {
                        // no argument, no narrowing
                    } else if (a.startsWith("-")) {
                        // an option we do not model: it may narrow the match; take its arguments along
                        restricted = true;
                        while (i + 1 < args.size() && !args.get(i + 1).startsWith("-") && !args.get(i + 1).equals("!")) {
                            i++;
                        }
                    } else {
                        throw new ParseError(path, no, "unexpected argument " + a);
                    }
                }
            }
        }
        if (!jumped) {
            verdict = new Verdict.Continue();
        }
        return new Rule(new Match(protocols, ports, loopback, restricted, newAllowed), verdict,
                Evidence.at(path, no, clip(line)));
    }

    private static String value(String path, int no, List<String> args, int i) {
        if (i >= args.size() || args.get(i).equals("!")) {
            throw new ParseError(path, no, args.get(i - 1) + " needs a value");
        }
        return args.get(i);
    }

    /** "22", "ssh", "1000:2000", "22,80,443:445" (multiport). */
    static PortSet ports(String path, int no, String v) {
        List<int[]> ranges = new ArrayList<>();
        for (String part : v.split(",")) {
            String[] ab = part.split(":", -1);
            if (ab.length > 2) {
                throw new ParseError(path, no, "bad port range " + part);
            }
            int lo = ab[0].isEmpty() ? 0 : Services.port(path, no, ab[0]);
            int hi = ab.length == 1 ? lo : ab[1].isEmpty() ? 65535 : Services.port(path, no, ab[1]);
            ranges.add(new int[] {Math.min(lo, hi), Math.max(lo, hi)});
        }
        return new PortSet(ranges);
    }

    /** Splits like iptables-restore: whitespace, with double or single quotes grouping. */
    static List<String> tokens(String path, int no, String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean in = false;
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == quote) {
                    cur.append(quote);
                    i++;
                } else if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
                any = true;
                in = true;
            } else if (Character.isWhitespace(c)) {
                if (in) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    in = false;
                    any = false;
                }
            } else {
                cur.append(c);
                in = true;
            }
        }
        if (quote != 0) {
            throw new ParseError(path, no, "unterminated quote");
        }
        if (in || any) {
            out.add(cur.toString());
        }
        return out;
    }

    static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
