package org.vmguard.facts.firewall;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vmguard.core.Evidence;

/**
 * The part of a packet filter that decides what reaches this host, whatever tool wrote it: the
 * base chains hooked at input (a packet must get through every one of them), and the chains they
 * jump to. Built from nftables, iptables-save, ufw and firewalld alike.
 *
 * @param source what it was read from ("/etc/nftables.conf", "`nft -j list ruleset`")
 * @param inputs base chains at the input hook of IPv4 traffic (ip and inet families, iptables INPUT)
 * @param chains every chain by qualified name, for jumps
 */
public record Ruleset(String source, List<Chain> inputs, Map<String, Chain> chains) {

    public Ruleset {
        inputs = List.copyOf(inputs);
        chains = Map.copyOf(chains);
    }

    public enum Policy {
        ACCEPT, DROP
    }

    /**
     * A chain. {@code policy} is null for a regular (non-base) chain, which returns to its caller.
     */
    public record Chain(String name, Policy policy, List<Rule> rules, Evidence evidence) {

        public Chain {
            rules = List.copyOf(rules);
        }
    }

    public sealed interface Verdict {
        record Accept() implements Verdict {
        }

        record Drop() implements Verdict {
        }

        /** jump returns to the caller when the target chain falls through; goto does not. */
        record Jump(String chain, boolean isGoto) implements Verdict {
        }

        record Return() implements Verdict {
        }

        /** No verdict (counter, log): the packet goes on to the next rule. */
        record Continue() implements Verdict {
        }
    }

    /**
     * What a rule matches, reduced to what decides reachability from outside.
     *
     * @param protocols l4 protocols ("tcp", "udp", …); empty means any
     * @param ports destination ports; null means any
     * @param loopbackOnly matches only the loopback interface
     * @param restricted matches only some source addresses, interfaces or other conditions: it may
     *     or may not apply to a given remote client
     * @param newAllowed matches new connections (false for `ct state established,related`)
     */
    public record Match(Set<String> protocols, PortSet ports, boolean loopbackOnly, boolean restricted,
            boolean newAllowed) {

        public static final Match ANY = new Match(Set.of(), null, false, false, true);

        public Match {
            protocols = Set.copyOf(protocols);
        }

        boolean mayMatchNewTcp(int port) {
            return newAllowed && !loopbackOnly && (protocols.isEmpty() || protocols.contains("tcp"))
                    && (ports == null || ports.contains(port));
        }

        /** Matches every new packet from anywhere: an unconditional rule. */
        boolean all() {
            return newAllowed && !loopbackOnly && !restricted && protocols.isEmpty() && ports == null;
        }
    }

    public record Rule(Match match, Verdict verdict, Evidence evidence) {
    }

    /** A set of ports and port ranges. */
    public record PortSet(List<int[]> ranges) {

        public static PortSet of(int... ports) {
            List<int[]> r = new ArrayList<>();
            for (int p : ports) {
                r.add(new int[] {p, p});
            }
            return new PortSet(r);
        }

        public boolean contains(int port) {
            return ranges.stream().anyMatch(r -> r[0] <= port && port <= r[1]);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PortSet p && p.toString().equals(toString());
        }

        @Override
        public int hashCode() {
            return toString().hashCode();
        }

        @Override
        public String toString() {
            List<String> s = new ArrayList<>();
            ranges.forEach(r -> s.add(r[0] == r[1] ? String.valueOf(r[0]) : r[0] + "-" + r[1]));
            return String.join(",", s);
        }
    }

    /** How one chain treats a new TCP connection to a port from an arbitrary remote address. */
    public record Decision(boolean admitted, Evidence evidence) {
    }

    /** Some input chain filters at all: it has rules or a drop policy. */
    public boolean filters() {
        return inputs.stream().anyMatch(c -> c.policy() == Policy.DROP || !c.rules().isEmpty());
    }

    /**
     * The input chain that drops what no rule accepts: a drop policy, or a last rule that drops
     * everything. Empty when every input chain accepts by default.
     */
    public Optional<Evidence> defaultDeny() {
        for (Chain c : inputs) {
            if (c.policy() == Policy.DROP) {
                return Optional.of(c.evidence());
            }
            for (Rule r : c.rules()) {
                if (r.match().all() && r.verdict() instanceof Verdict.Drop) {
                    return Optional.of(r.evidence());
                }
            }
        }
        return Optional.empty();
    }

    /** The input chains whose default is accept, as evidence. */
    public List<Evidence> acceptPolicies() {
        return inputs.stream().filter(c -> c.policy() == Policy.ACCEPT).map(Chain::evidence).toList();
    }

    /**
     * Whether a new TCP connection to {@code port} from some remote address gets through every
     * input chain. A rule restricted to some sources counts as letting someone in; a drop
     * restricted to some sources does not stop everyone.
     */
    public Decision admits(int port) {
        Evidence last = null;
        for (Chain c : inputs) {
            Optional<Decision> d = walk(c, port, new HashSet<>(), 0);
            Decision decision = d.orElseGet(() -> new Decision(c.policy() != Policy.DROP, c.evidence()));
            if (!decision.admitted()) {
                return decision;
            }
            last = decision.evidence();
        }
        return new Decision(true, last == null ? Evidence.note(source + ": no input chain") : last);
    }

    /** Empty when the chain falls through (policy or return to the caller decides). */
    private Optional<Decision> walk(Chain chain, int port, Set<String> visiting, int depth) {
        if (depth > 32 || !visiting.add(chain.name())) {
            return Optional.empty();
        }
        try {
            for (Rule r : chain.rules()) {
                if (!r.match().mayMatchNewTcp(port)) {
                    continue;
                }
                switch (r.verdict()) {
                    case Verdict.Accept a -> {
                        return Optional.of(new Decision(true, r.evidence()));
                    }
                    case Verdict.Drop d -> {
                        if (!r.match().restricted()) {
                            return Optional.of(new Decision(false, r.evidence()));
                        }
                    }
                    case Verdict.Return ret -> {
                        if (!r.match().restricted()) {
                            return Optional.empty();
                        }
                    }
                    case Verdict.Continue c -> {
                    }
                    case Verdict.Jump j -> {
                        Chain target = chains.get(j.chain());
                        if (target == null) {
                            continue;
                        }
                        Optional<Decision> d = walk(target, port, visiting, depth + 1);
                        if (d.isPresent() && (d.get().admitted() || !r.match().restricted())) {
                            return d;
                        }
                        if (j.isGoto() && !r.match().restricted()) {
                            return Optional.empty();
                        }
                    }
                }
            }
            return Optional.empty();
        } finally {
            visiting.remove(chain.name());
        }
    }
}
