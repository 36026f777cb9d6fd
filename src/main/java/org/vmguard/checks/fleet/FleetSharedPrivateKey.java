package org.vmguard.checks.fleet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
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
import org.vmguard.facts.fleet.UnprotectedKeys;

public final class FleetSharedPrivateKey implements Check<FleetFacts> {

    static final CheckInfo INFO = new CheckInfo("fleet.shared-private-key",
            "No unprotected private key is copied across hosts", Severity.HIGH,
            "The same private key without a passphrase on several hosts means one compromised host gives the "
                    + "attacker that key, and with it every account that trusts it on every other host.",
            "Give each host and user its own key (ssh-keygen -t ed25519), remove the copies, and take the shared "
                    + "public key out of every authorized_keys; use an agent or a passphrase instead of copying keys.",
            List.of("Do not share private keys between hosts", "NIST IR 7966: SSH key management"), Set.of(TargetKind.SSH));

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(FleetFacts facts) {
        if (facts.members().size() < 2) {
            return Outcome.skip("fewer than two hosts were reached: nothing to compare");
        }
        Map<String, Set<String>> hostsByKey = new TreeMap<>();
        Map<String, List<String>> placesByKey = new TreeMap<>();
        List<String> unsearched = new ArrayList<>();
        for (FleetFacts.Member m : facts.members()) {
            if (m.keys() == null) {
                unsearched.add(m.host() + " (" + m.keysError() + ")");
                continue;
            }
            for (UnprotectedKeys.KeyFile k : m.keys().keys()) {
                String id = k.type() + " " + k.fingerprint();
                hostsByKey.computeIfAbsent(id, x -> new LinkedHashSet<>()).add(m.host());
                placesByKey.computeIfAbsent(id, x -> new ArrayList<>()).add(m.host() + ":" + k.path());
            }
            if (!m.keys().problems().isEmpty()) {
                unsearched.add(m.host() + " (" + String.join("; ", m.keys().problems()) + ")");
            }
        }
        List<Evidence> ev = new ArrayList<>();
        hostsByKey.forEach((id, hosts) -> {
            if (hosts.size() > 1) {
                ev.add(Evidence.note(id + " without a passphrase at " + String.join(", ", placesByKey.get(id))));
            }
        });
        if (!ev.isEmpty()) {
            return Outcome.fail(ev.size() + " unprotected private key(s) found on several hosts", ev);
        }
        if (!unsearched.isEmpty()) {
            return Outcome.error("some ~/.ssh directories could not be searched (--sudo reads them): " + String.join(", ", unsearched));
        }
        return Outcome.pass("no unprotected private key is on more than one host (" + hostsByKey.size() + " distinct keys)");
    }
}
