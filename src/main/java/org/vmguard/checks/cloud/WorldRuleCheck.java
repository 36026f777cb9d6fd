package org.vmguard.checks.cloud;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vmguard.cloud.CloudProject;
import org.vmguard.cloud.Port;
import org.vmguard.cloud.SecurityGroup;
import org.vmguard.cloud.SecurityRule;
import org.vmguard.cloud.Server;
import org.vmguard.core.Check;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;

/**
 * The family of checks that look for ingress rules open to the world (0.0.0.0/0, ::/0, no remote,
 * or an address group holding such a prefix) that let in something in particular.
 */
abstract class WorldRuleCheck implements Check<CloudProject> {

    /** What this rule lets in that the check cares about, or "" when nothing. */
    abstract String matches(SecurityRule rule);

    /** "every port", "SSH": for the messages. */
    abstract String subject();

    /** Groups to judge (all of the project's by default). */
    boolean judges(SecurityGroup g) {
        return true;
    }

    @Override
    public Outcome evaluate(CloudProject p) {
        List<Evidence> found = new ArrayList<>();
        Map<String, String> usage = new HashMap<>(); // group id → who uses it, worked out once per group
        int judged = 0;
        for (SecurityGroup g : p.groups()) {
            if (!judges(g)) {
                continue;
            }
            judged++;
            for (SecurityRule r : g.rules()) {
                if (!r.ingress()) {
                    continue;
                }
                String what = matches(r);
                if (!what.isEmpty() && p.fromWorld(r)) {
                    found.add(evidence(p, g, r, what, usage.computeIfAbsent(g.id(), k -> usedBy(p, g))));
                }
            }
        }
        if (!found.isEmpty()) {
            return Outcome.fail(found.size() + " ingress rule(s) open " + subject() + " to the world", found);
        }
        return Outcome.pass("no ingress rule of the " + judged + " security group(s) opens " + subject() + " to the world");
    }

    static Evidence evidence(CloudProject p, SecurityGroup g, SecurityRule r, String what, String usedBy) {
        return Evidence.file("/v2.0/security-group-rules/" + r.id(), "group " + g.name() + " (" + g.id() + ", region "
                + g.region() + "): ingress " + r.ethertype() + " " + r.what() + " from " + p.remote(r)
                + (what.isBlank() || what.equals(r.what()) ? "" : " — " + what) + "; " + usedBy);
    }

    /** "applies to servers web1 (id), …" or "attached to no port". */
    static String usedBy(CloudProject p, SecurityGroup g) {
        Map<String, Server> servers = new HashMap<>();
        p.servers().forEach(s -> servers.put(s.id(), s));
        Set<String> names = new LinkedHashSet<>();
        int ports = 0;
        for (Port port : p.ports()) {
            if (port.portSecurity() && port.securityGroups().contains(g.id())) {
                ports++;
                Server s = servers.get(port.deviceId());
                if (s != null) {
                    names.add(s.name() + " (" + s.id() + ")");
                }
            }
        }
        if (ports == 0) {
            return "attached to no port";
        }
        if (names.isEmpty()) {
            return "attached to " + ports + " port(s) of no server";
        }
        List<String> l = new ArrayList<>(names);
        return "applies to server(s) " + String.join(", ", l.subList(0, Math.min(5, l.size())))
                + (l.size() > 5 ? " and " + (l.size() - 5) + " more" : "");
    }
}
