package org.vmguard.checks.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.firewall.Firewall;
import org.vmguard.facts.firewall.Ruleset;

public final class FirewallDefaultDeny implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("firewall.default-deny",
            "The host firewall drops input by default", Severity.MEDIUM,
            "A firewall that accepts by default only blocks what someone thought of; every new service is exposed "
                    + "the moment it starts. Dropping by default and allowing named ports keeps new services private "
                    + "until they are meant to be reachable.",
            "ufw: `ufw default deny incoming`. nftables: `policy drop;` in the input chain of /etc/nftables.conf "
                    + "(after rules that accept lo, established traffic and SSH). iptables: `:INPUT DROP` in "
                    + "/etc/iptables/rules.v4. firewalld: keep the zone's target at default, not ACCEPT.",
            "CIS Debian Linux 12 4.2.x/4.3.x (default deny firewall policy)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        Firewall fw = host.fact(Firewall.KEY);
        List<Ruleset> eff = fw.effective();
        if (eff.stream().noneMatch(Ruleset::filters)) {
            if (!fw.unreadable().isEmpty() && fw.loaded().isEmpty()) {
                Firewall.Tool t = fw.unreadable().get(0);
                return Outcome.error(t.name() + " is enabled but its configuration cannot be read: " + t.problem());
            }
            return Outcome.skip("no host firewall is active (firewall.active reports it)");
        }
        List<Evidence> accepting = new ArrayList<>();
        for (Ruleset rs : eff) {
            Optional<Evidence> deny = rs.defaultDeny();
            if (deny.isPresent()) {
                return Outcome.pass("input is dropped unless a rule accepts it", deny.get());
            }
            accepting.addAll(rs.acceptPolicies());
            if (rs.inputs().isEmpty()) {
                accepting.add(Evidence.note(rs.source() + ": no input chain, so everything is accepted"));
            }
        }
        return Outcome.fail("the input policy is accept: whatever no rule drops gets in", accepting);
    }
}
