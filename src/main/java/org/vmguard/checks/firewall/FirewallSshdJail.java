package org.vmguard.checks.firewall;

import java.util.Optional;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.bantools.BanTools;
import org.vmguard.facts.bantools.Fail2banConfig;

public final class FirewallSshdJail implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("firewall.sshd-jail",
            "fail2ban's sshd jail is enabled", Severity.MEDIUM,
            "fail2ban does nothing for SSH unless its sshd jail is enabled; jail.conf ships every jail disabled, "
                    + "and a jail.local copied from an old guide can switch the Debian default off again.",
            "Create /etc/fail2ban/jail.d/sshd.local with `[sshd]` and `enabled = true` (on a journald-only host "
                    + "also `backend = systemd`), then `systemctl restart fail2ban`; `fail2ban-client status sshd` "
                    + "shows it.",
            "fail2ban jail.conf(5)", "Nectar and Pouta VM security guidelines (fail2ban)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        BanTools b = host.fact(BanTools.KEY);
        if (b.tool("fail2ban").isEmpty()) {
            return Outcome.skip("fail2ban is not installed");
        }
        if (b.fail2ban() == null) {
            return Outcome.error("fail2ban's configuration cannot be read: " + b.fail2banProblem());
        }
        Fail2banConfig c = b.fail2ban();
        String jail = c.jails().contains("sshd") ? "sshd" : c.jails().contains("ssh") ? "ssh" : null;
        if (jail == null) {
            return Outcome.fail("fail2ban has no sshd jail", Evidence.note("jails defined in "
                    + String.join(", ", c.files()) + ": " + String.join(", ", c.jails())));
        }
        Optional<Fail2banConfig.Value> v = c.raw(jail, "enabled");
        Evidence ev = v.map(x -> x.evidence("enabled")).orElse(Evidence.note("enabled unset (fail2ban's default: false)"));
        if (c.enabled(jail)) {
            return Outcome.pass("the [" + jail + "] jail is enabled", ev);
        }
        return Outcome.fail("the [" + jail + "] jail is not enabled", ev);
    }
}
