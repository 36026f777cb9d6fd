package org.vmguard.checks.firewall;

import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.bantools.BanTools;

public final class FirewallBanTool implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("firewall.ban-tool",
            "An intrusion-banning tool is active", Severity.MEDIUM,
            "Every VM with a public address sees password guessing against SSH within minutes. A ban tool "
                    + "(fail2ban, denyhosts, sshguard, CrowdSec) blocks the addresses that keep failing, which cuts "
                    + "the noise and slows guessing down.",
            "Install and start one: `apt install fail2ban` (its Debian package enables the sshd jail) or "
                    + "`dnf install fail2ban && systemctl enable --now fail2ban`; sshguard and CrowdSec with its "
                    + "firewall bouncer are alternatives.",
            "Nectar and Pouta VM security guidelines (fail2ban)", "CIS Controls v8 13.3");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        BanTools b = host.fact(BanTools.KEY);
        List<BanTools.Tool> active = b.tools().stream().filter(BanTools.Tool::active).toList();
        if (!active.isEmpty()) {
            return Outcome.pass(String.join(", ", active.stream().map(BanTools.Tool::name).toList()) + " is active",
                    active.stream().map(BanTools.Tool::evidence).toList());
        }
        if (b.tools().isEmpty()) {
            return Outcome.fail("none of fail2ban, denyhosts, sshguard or CrowdSec is installed",
                    Evidence.note("no fail2ban-server, denyhosts, sshguard or crowdsec program or configuration found"));
        }
        return Outcome.fail("installed but not active: " + String.join(", ", b.tools().stream()
                .map(BanTools.Tool::name).toList()), b.tools().stream().map(BanTools.Tool::evidence).toList());
    }
}
