package org.vmguard.checks.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.core.TargetKind;
import org.vmguard.facts.fleet.FleetFacts;

public final class FleetClonedHostKeys implements Check<FleetFacts> {

    static final CheckInfo INFO = new CheckInfo("fleet.cloned-host-keys",
            "Every host has its own SSH host key", Severity.HIGH,
            "Hosts that present the same host key were cloned from one image with its keys baked in: whoever "
                    + "holds one of them (or the image) can impersonate all of them, and users cannot tell the hosts apart.",
            "Remove the keys from the image (rm /etc/ssh/ssh_host_*; cloud-init or the first boot regenerates them), "
                    + "or on each host: rm /etc/ssh/ssh_host_* && dpkg-reconfigure openssh-server, then update known_hosts.",
            List.of("Unique host keys per instance", "CIS Debian 12 5.1.x: SSH host keys"), Set.of(TargetKind.SSH));

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(FleetFacts facts) {
        if (facts.members().size() < 2) {
            return Outcome.skip("fewer than two hosts were reached: nothing to compare");
        }
        Map<String, List<String>> byKey = new TreeMap<>();
        for (FleetFacts.Member m : facts.members()) {
            byKey.computeIfAbsent(m.hostKeyType() + " " + m.hostKeyFingerprint(), k -> new ArrayList<>()).add(m.host());
        }
        List<Evidence> ev = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byKey.entrySet()) {
            if (e.getValue().size() > 1) {
                ev.add(Evidence.note(e.getKey() + " presented by " + String.join(", ", e.getValue())));
            }
        }
        if (!ev.isEmpty()) {
            return Outcome.fail(ev.size() + " host key(s) shared by several hosts", ev);
        }
        return Outcome.pass(facts.members().size() + " hosts, " + byKey.size() + " distinct host keys");
    }
}
