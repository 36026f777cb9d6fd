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
import org.vmguard.facts.firewall.SshPorts;

public final class FirewallSshLockout implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("firewall.ssh-lockout",
            "The firewall lets SSH in", Severity.HIGH,
            "A firewall that drops input without a rule for sshd's port locks the owner out the moment it is "
                    + "enabled or reloaded; on a cloud VM without a console password that often means rebuilding it. "
                    + "A firewall installed but not yet enabled is judged too, since enabling it is the next step.",
            "Allow the SSH port before enabling or reloading: `ufw allow 22/tcp` (or the Port of sshd_config), "
                    + "`tcp dport 22 accept` in the nftables input chain, `-A INPUT -p tcp --dport 22 -j ACCEPT` in "
                    + "rules.v4, `firewall-cmd --permanent --add-service=ssh`; restrict the source to your own "
                    + "address ranges where you can.",
            "Nectar and Pouta VM security guidelines (firewall)", "ufw(8): allow ssh before enabling");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        Firewall fw = host.fact(Firewall.KEY);
        SshPorts ssh = host.fact(SshPorts.KEY);
        List<Candidate> candidates = new ArrayList<>();
        fw.loaded().ifPresent(r -> candidates.add(new Candidate("the loaded ruleset", r)));
        for (Firewall.Tool t : fw.tools()) {
            if (t.ruleset() != null) {
                candidates.add(new Candidate(t.name() + (t.enabled() ? "" : " (not enabled yet)"), t.ruleset()));
            }
        }
        if (candidates.isEmpty()) {
            if (!fw.unreadable().isEmpty()) {
                Firewall.Tool t = fw.unreadable().get(0);
                return Outcome.error(t.name() + " is enabled but its configuration cannot be read: " + t.problem());
            }
            return Outcome.skip("no host firewall ruleset to judge");
        }
        List<Evidence> admitted = new ArrayList<>();
        for (Candidate c : candidates) {
            if (c.ruleset().defaultDeny().isEmpty()) {
                admitted.add(Evidence.note(c.name() + " accepts input by default"));
                continue;
            }
            for (int port : ssh.ports()) {
                Ruleset.Decision d = c.ruleset().admits(port);
                if (!d.admitted()) {
                    List<Evidence> ev = new ArrayList<>();
                    ev.add(d.evidence());
                    ev.addAll(ssh.evidence());
                    return Outcome.fail(c.name() + " drops input and no rule lets SSH (tcp port " + port + ") in", ev);
                }
                admitted.add(d.evidence());
            }
        }
        return Outcome.pass("SSH (tcp port " + String.join(", ", ssh.ports().stream().map(String::valueOf).toList())
                + ") gets through every firewall ruleset", admitted);
    }

    private record Candidate(String name, Ruleset ruleset) {
    }
}
