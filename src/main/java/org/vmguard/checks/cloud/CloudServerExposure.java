package org.vmguard.checks.cloud;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vmguard.cloud.Cidr;
import org.vmguard.cloud.CloudProject;
import org.vmguard.cloud.Listeners;
import org.vmguard.cloud.Port;
import org.vmguard.cloud.SecurityGroup;
import org.vmguard.cloud.SecurityRule;
import org.vmguard.cloud.Server;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;

/**
 * Joins the cloud's view (which ports the groups open to the world on a public address) with the
 * hosts' (what really listens): a world-open port nothing listens on is a stale rule that waits for
 * the next service someone starts; a listener the groups expose is a real exposure, reported in the
 * reason.
 */
public final class CloudServerExposure implements Check<CloudProject> {

    static final CheckInfo INFO = CloudCheckInfo.of("cloud.server-exposure",
            "Public servers' security groups expose only what they listen on", Severity.MEDIUM,
            "A rule that opens a port nothing listens on does no harm today, but the next service someone starts "
                    + "on that port (a debug server, a database) is public at once; and port security off exposes "
                    + "everything. Keeping the groups to the ports in use makes the firewall mean something.",
            "Delete or narrow the rules for ports nothing listens on (openstack security group rule delete RULE_ID), "
                    + "and turn port security on (openstack port set --enable-port-security PORT_ID).",
            "Nectar: Security Groups — open only the ports you need", "CIS Controls v8 4.4: Implement and manage a firewall on servers");

    private static final List<String> PROTOCOLS = List.of("tcp", "udp");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(CloudProject p) {
        Listeners listeners = p.listeners();
        if (!listeners.given()) {
            return Outcome.skip("needs what the servers listen on: give host results with --listeners FILE");
        }
        List<Evidence> stale = new ArrayList<>();
        List<String> exposed = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        int publicServers = 0;
        int judged = 0;
        for (CloudProject.PublicAddresses pa : p.publicAddresses()) {
            if (pa.addresses().isEmpty()) {
                continue;
            }
            publicServers++;
            Server s = pa.server();
            List<String> all = new ArrayList<>(pa.addresses());
            pa.ports().forEach(port -> all.addAll(port.addresses()));
            Optional<Listeners.Listening> listening = listeners.of(s, all);
            if (listening.isEmpty()) {
                unknown.add(s.name());
                continue;
            }
            judged++;
            Listeners.Listening l = listening.get();
            Set<String> open = new LinkedHashSet<>();
            for (Port port : pa.ports()) {
                List<String> publicHere = new ArrayList<>(p.floatingIpsOf(port));
                port.addresses().stream().filter(Cidr::isGlobal).forEach(publicHere::add);
                if (publicHere.isEmpty()) {
                    continue;
                }
                String where = "server " + s.name() + " (" + s.id() + ") at " + String.join(", ", publicHere);
                if (!port.portSecurity()) {
                    stale.add(Evidence.file("/v2.0/ports/" + port.id(), where + ": port " + port.id()
                            + " has port security off, so every port is reachable; it listens on " + describe(l)));
                    listened(l, open);
                    continue;
                }
                for (String gid : port.securityGroups()) {
                    Optional<SecurityGroup> g = p.group(gid);
                    if (g.isEmpty()) {
                        continue; // a group of another project: its rules are not ours to judge
                    }
                    for (SecurityRule r : g.get().rules()) {
                        if (!r.ingress() || !p.fromWorld(r)) {
                            continue;
                        }
                        // an IPv6 rule exposes only the IPv6 addresses, an IPv4 rule only the IPv4 ones
                        boolean v6 = "IPv6".equals(r.ethertype());
                        List<String> reached = publicHere.stream().filter(a -> a.contains(":") == v6).toList();
                        if (!reached.isEmpty()) {
                            judgeRule(r, g.get(), l, "server " + s.name() + " (" + s.id() + ") at "
                                    + String.join(", ", reached), stale, open);
                        }
                    }
                }
            }
            open.forEach(x -> exposed.add(s.name() + " " + x));
        }
        if (publicServers == 0) {
            return Outcome.skip("no server has a public or floating address");
        }
        if (judged == 0) {
            return Outcome.skip("no host results (" + listeners.source() + ") for the " + publicServers
                    + " public server(s): " + String.join(", ", unknown));
        }
        String reason = (exposed.isEmpty() ? "no listener is exposed to the world"
                : "exposed and listening: " + String.join(", ", exposed))
                + (unknown.isEmpty() ? "" : "; not judged (no host results): " + String.join(", ", unknown));
        if (!stale.isEmpty()) {
            return Outcome.fail(stale.size() + " world-open rule(s) or port(s) expose more than the servers listen on; "
                    + reason, stale);
        }
        return Outcome.pass("the groups of " + judged + " public server(s) expose only what they listen on; " + reason);
    }

    private static void judgeRule(SecurityRule r, SecurityGroup g, Listeners.Listening l, String where,
            List<Evidence> stale, Set<String> open) {
        String proto = r.normalizedProtocol();
        List<String> protos = proto == null ? PROTOCOLS : PROTOCOLS.contains(proto) ? List.of(proto) : List.of();
        List<String> idle = new ArrayList<>();
        for (String pr : protos) {
            int from = proto == null ? 1 : r.from();
            int to = proto == null ? 65535 : r.to();
            List<Integer> used = new ArrayList<>();
            for (int port : pr.equals("tcp") ? l.tcp() : l.udp()) {
                if (port >= from && port <= to) {
                    used.add(port);
                }
            }
            used.sort(null);
            used.forEach(u -> open.add(pr + " " + u));
            int width = to - from + 1;
            if (used.size() < width) {
                String range = from == to ? String.valueOf(from) : from + "-" + to;
                idle.add(used.isEmpty() ? pr + " " + range + ": nothing listens there"
                        : pr + " " + range + ": listens on only " + used.stream().map(String::valueOf).toList());
            }
        }
        if (!idle.isEmpty()) {
            stale.add(Evidence.file("/v2.0/security-group-rules/" + r.id(), where + ": rule " + r.id() + " of group "
                    + g.name() + " (" + g.id() + ") opens " + r.what() + " to the world; " + String.join("; ", idle)));
        }
    }

    private static void listened(Listeners.Listening l, Set<String> open) {
        l.tcp().stream().sorted().forEach(x -> open.add("tcp " + x));
        l.udp().stream().sorted().forEach(x -> open.add("udp " + x));
    }

    private static String describe(Listeners.Listening l) {
        List<String> out = new ArrayList<>();
        l.tcp().stream().sorted().forEach(x -> out.add("tcp " + x));
        l.udp().stream().sorted().forEach(x -> out.add("udp " + x));
        return out.isEmpty() ? "nothing" : String.join(", ", out);
    }
}
