package org.vmguard.checks.firewall;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.firewall.Firewall;
import org.vmguard.facts.firewall.Ruleset;

public final class FirewallActive implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("firewall.active",
            "A host firewall is active", Severity.MEDIUM,
            "Security groups filter traffic only at the cloud's edge: a mistaken group, a port of another project's "
                    + "network, or a service bound to every address leaves the VM open. A host firewall is the second "
                    + "layer that keeps those mistakes from exposing services.",
            "Enable one firewall, allowing SSH first: `ufw allow 22/tcp && ufw enable` (Debian/Ubuntu), or "
                    + "`systemctl enable --now nftables` with an input chain in /etc/nftables.conf, or "
                    + "`systemctl enable --now firewalld` (RHEL family).",
            "CIS Debian Linux 12 4.1 (Configure a single firewall utility)", "Nectar and Pouta VM security guidelines");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        Firewall fw = host.fact(Firewall.KEY);
        if (fw.loaded().isPresent()) {
            Ruleset rs = fw.loaded().get();
            if (rs.filters()) {
                return Outcome.pass("the loaded ruleset filters input (" + rs.source() + ")",
                        rs.inputs().stream().map(Ruleset.Chain::evidence).toList());
            }
            List<Evidence> ev = new ArrayList<>(rs.inputs().stream().map(Ruleset.Chain::evidence).toList());
            if (ev.isEmpty()) {
                ev.add(Evidence.command(rs.source(), "no input chain is loaded"));
            }
            // the live state decides; a tool enabled at boot that did not load is shown beside it
            List<String> enabled = new ArrayList<>();
            for (Firewall.Tool t : fw.enabledTools()) {
                ev.add(t.enabledBy());
                enabled.add(t.name());
            }
            return Outcome.fail("no host firewall is active: the loaded ruleset accepts all input with no rules"
                    + (enabled.isEmpty() ? "" : " (although " + String.join(", ", enabled) + " is enabled at boot)"), ev);
        }
        if (!fw.unreadable().isEmpty() && fw.effective().isEmpty()) {
            Firewall.Tool t = fw.unreadable().get(0);
            return Outcome.error(t.name() + " is enabled but its configuration cannot be read: " + t.problem());
        }
        for (Ruleset rs : fw.effective()) {
            if (rs.filters()) {
                Firewall.Tool t = fw.enabledTools().stream().filter(x -> x.ruleset() == rs).findFirst().orElseThrow();
                List<Evidence> ev = new ArrayList<>(List.of(t.enabledBy()));
                rs.inputs().forEach(c -> ev.add(c.evidence()));
                return Outcome.pass(t.name() + " is enabled and filters input" + note(fw), ev);
            }
        }
        List<Evidence> ev = new ArrayList<>();
        for (Firewall.Tool t : fw.tools()) {
            ev.add(t.enabledBy());
        }
        if (!fw.loadedNote().isEmpty() && host.kind().live()) {
            ev.add(Evidence.note("loaded ruleset unknown: " + fw.loadedNote()));
        }
        if (fw.tools().isEmpty()) {
            ev.add(Evidence.note("none of ufw, nftables, iptables-persistent or firewalld is installed"));
            return Outcome.fail("no host firewall is installed", ev);
        }
        if (!fw.enabledTools().isEmpty()) {
            return Outcome.fail("the enabled firewall accepts all input with no rules: "
                    + String.join(", ", fw.enabledTools().stream().map(Firewall.Tool::name).toList()), ev);
        }
        return Outcome.fail("no host firewall is enabled (installed: "
                + String.join(", ", fw.tools().stream().map(Firewall.Tool::name).toList()) + ")", ev);
    }

    static String note(Firewall fw) {
        return fw.loadedNote().isEmpty() ? "" : " (loaded ruleset not read: " + fw.loadedNote() + ")";
    }
}
