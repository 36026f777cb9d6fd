package org.vmguard.facts.firewall;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vmguard.core.Evidence;
import org.vmguard.facts.Json;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.firewall.Ruleset.Chain;
import org.vmguard.facts.firewall.Ruleset.Match;
import org.vmguard.facts.firewall.Ruleset.PortSet;
import org.vmguard.facts.firewall.Ruleset.Rule;
import org.vmguard.facts.firewall.Ruleset.Verdict;

/**
 * The loaded ruleset as `nft -j list ruleset` prints it (libnftables JSON): the same reduction
 * to a {@link Ruleset} as {@link Nftables} makes of a script, so the two can be compared. Rules
 * written by iptables-nft carry `xt` expressions, which are read as an unknown narrowing.
 */
public final class NftJson {

    private NftJson() {
    }

    public static Ruleset parse(String command, String json) {
        Json.Value root = Json.parse(command, json);
        if (!root.path("nftables").isArray()) {
            throw new ParseError(command, 1, "not nft JSON: no \"nftables\" array");
        }
        Map<String, Chain> chains = new LinkedHashMap<>();
        Map<String, List<Rule>> rules = new LinkedHashMap<>();
        Map<String, Json.Value> chainNodes = new LinkedHashMap<>();
        Map<String, List<String>> sets = new LinkedHashMap<>();
        for (Json.Value item : root.path("nftables")) {
            if (item.has("chain")) {
                Json.Value c = item.get("chain");
                String key = c.path("family").asText() + " " + c.path("table").asText() + " " + c.path("name").asText();
                chainNodes.put(key, c);
                rules.put(key, new ArrayList<>());
            } else if (item.has("set")) {
                Json.Value s = item.get("set");
                List<String> el = new ArrayList<>();
                for (Json.Value e : s.path("elem")) {
                    el.add(e.isObject() && e.has("range") ? e.get("range").get(0).asText() + "-"
                            + e.get("range").get(1).asText() : e.asText());
                }
                sets.put(s.path("family").asText() + " " + s.path("table").asText() + " " + s.path("name").asText(), el);
            }
        }
        for (Json.Value item : root.path("nftables")) {
            if (!item.has("rule")) {
                continue;
            }
            Json.Value r = item.get("rule");
            String fam = r.path("family").asText();
            String table = r.path("table").asText();
            String key = fam + " " + table + " " + r.path("chain").asText();
            List<Rule> list = rules.get(key);
            if (list == null) {
                throw new ParseError(command, 0, "rule for unknown chain " + key);
            }
            list.addAll(rule(command, r, fam, table, sets));
        }
        List<Chain> inputs = new ArrayList<>();
        chainNodes.forEach((key, c) -> {
            boolean base = c.has("hook");
            Ruleset.Policy policy = !base ? null : "drop".equals(c.path("policy").asText()) ? Ruleset.Policy.DROP
                    : Ruleset.Policy.ACCEPT;
            Chain chain = new Chain(key, policy, rules.get(key), Evidence.command(command, "chain " + key
                    + (base ? " type " + c.path("type").asText() + " hook " + c.path("hook").asText() + " policy "
                            + c.path("policy").asText("accept") : "")));
            chains.put(key, chain);
            String fam = c.path("family").asText();
            if (base && "input".equals(c.path("hook").asText()) && "filter".equals(c.path("type").asText())
                    && (fam.equals("ip") || fam.equals("inet"))) {
                inputs.add(chain);
            }
        });
        return new Ruleset(command, inputs, chains);
    }

    private static List<Rule> rule(String command, Json.Value r, String fam, String table, Map<String, List<String>> sets) {
        Set<String> protocols = new HashSet<>();
        PortSet ports = null;
        boolean loopback = false;
        boolean restricted = false;
        boolean matchesNew = true;
        Verdict verdict = new Verdict.Continue();
        List<Rule> vmapRules = null;
        String prefix = fam + " " + table + " ";
        Evidence ev = Evidence.command(command, "rule " + prefix + r.path("chain").asText() + " handle "
                + r.path("handle").asText() + ": " + r.path("expr").toString());
        for (Json.Value e : r.path("expr")) {
            if (e.has("accept")) {
                verdict = new Verdict.Accept();
            } else if (e.has("drop") || e.has("reject")) {
                verdict = new Verdict.Drop();
            } else if (e.has("return")) {
                verdict = new Verdict.Return();
            } else if (e.has("jump")) {
                verdict = new Verdict.Jump(prefix + e.get("jump").path("target").asText(), false);
            } else if (e.has("goto")) {
                verdict = new Verdict.Jump(prefix + e.get("goto").path("target").asText(), true);
            } else if (e.has("match")) {
                Json.Value m = e.get("match");
                String op = m.path("op").asText("==");
                boolean neg = op.equals("!=");
                boolean eq = op.equals("==") || op.equals("in");
                Json.Value left = m.path("left");
                Json.Value right = m.path("right");
                List<String> values = values(right, sets, prefix);
                if (left.has("payload")) {
                    Json.Value p = left.get("payload");
                    String proto = p.path("protocol").asText();
                    String field = p.path("field").asText();
                    if (Set.of("tcp", "udp", "th", "sctp", "dccp", "udplite").contains(proto) && field.equals("dport")) {
                        if (!proto.equals("th")) {
                            protocols.add(proto);
                        }
                        if (eq && values != null) {
                            ports = IptablesSave.ports(command, 0, String.join(",", values).replace('-', ':'));
                        } else {
                            restricted = true;
                        }
                    } else if (proto.equals("ip") && field.equals("protocol") && eq && values != null) {
                        values.forEach(v -> protocols.add(v.toLowerCase(Locale.ROOT)));
                    } else if (proto.equals("ip6") || proto.equals("icmpv6")) {
                        matchesNew = false;
                    } else if (Set.of("tcp", "udp", "sctp", "icmp").contains(proto)) {
                        protocols.add(proto);
                        restricted = true;
                    } else {
                        restricted = true;
                    }
                } else if (left.has("meta")) {
                    String k = left.get("meta").path("key").asText();
                    if (k.equals("l4proto") && eq && values != null) {
                        values.forEach(v -> protocols.add(v.toLowerCase(Locale.ROOT)));
                    } else if ((k.equals("iifname") || k.equals("iif")) && eq && values != null && values.equals(List.of("lo"))) {
                        loopback = true;
                    } else if (k.equals("nfproto") && eq && values != null && !values.contains("ipv4")) {
                        matchesNew = false;
                    } else if (!neg || !(k.equals("iifname") || k.equals("iif"))) {
                        restricted = true;
                    }
                } else if (left.has("ct") && "state".equals(left.get("ct").path("key").asText())) {
                    boolean hasNew = values != null && values.contains("new");
                    matchesNew = neg ? !hasNew : hasNew;
                } else {
                    restricted = true;
                }
            } else if (e.has("vmap")) {
                Json.Value key = e.get("vmap").path("key");
                Json.Value data = e.get("vmap").path("data").path("set");
                if (key.has("ct") && "state".equals(key.get("ct").path("key").asText())) {
                    for (Json.Value pair : data) {
                        List<String> ks = values(pair.get(0), sets, prefix);
                        if (ks != null && ks.contains("new")) {
                            verdict = verdictOf(pair.get(1), prefix);
                        }
                    }
                    if (verdict instanceof Verdict.Continue) {
                        matchesNew = false;
                    }
                } else if (key.has("payload") && "dport".equals(key.get("payload").path("field").asText())) {
                    String proto = key.get("payload").path("protocol").asText();
                    vmapRules = new ArrayList<>();
                    for (Json.Value pair : data) {
                        List<String> ks = values(pair.get(0), sets, prefix);
                        PortSet p = ks == null ? null : IptablesSave.ports(command, 0, String.join(",", ks).replace('-', ':'));
                        Set<String> protos = new HashSet<>(protocols);
                        if (!proto.equals("th")) {
                            protos.add(proto);
                        }
                        vmapRules.add(new Rule(new Match(protos, p, loopback, restricted || p == null, matchesNew),
                                verdictOf(pair.get(1), prefix), ev));
                    }
                } else {
                    restricted = true;
                }
            } else if (e.has("xt")) {
                restricted = true;
            }
        }
        if (vmapRules != null) {
            return vmapRules;
        }
        return List.of(new Rule(new Match(protocols, ports, loopback, restricted, matchesNew), verdict, ev));
    }

    private static Verdict verdictOf(Json.Value v, String prefix) {
        if (v.has("accept")) {
            return new Verdict.Accept();
        }
        if (v.has("drop") || v.has("reject")) {
            return new Verdict.Drop();
        }
        if (v.has("return")) {
            return new Verdict.Return();
        }
        if (v.has("jump")) {
            return new Verdict.Jump(prefix + v.get("jump").path("target").asText(), false);
        }
        if (v.has("goto")) {
            return new Verdict.Jump(prefix + v.get("goto").path("target").asText(), true);
        }
        return new Verdict.Continue();
    }

    /** A right-hand side as strings: a scalar, a list, {"set": […]}, {"range": [a, b]}, "@name"; null if unknown. */
    private static List<String> values(Json.Value n, Map<String, List<String>> sets, String prefix) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (n.isTextual() && n.asText().startsWith("@")) {
            return sets.get(prefix + n.asText().substring(1));
        }
        if (n.isValueNode()) {
            out.add(n.asText());
            return out;
        }
        if (n.isArray()) {
            for (Json.Value x : n) {
                List<String> v = values(x, sets, prefix);
                if (v == null) {
                    return null;
                }
                out.addAll(v);
            }
            return out;
        }
        if (n.has("set")) {
            return values(n.get("set"), sets, prefix);
        }
        if (n.has("range")) {
            out.add(n.get("range").get(0).asText() + "-" + n.get("range").get(1).asText());
            return out;
        }
        return null;
    }
}
