package org.vmguard.checks.ssh;

import java.util.List;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.sshd.Connection;
import org.vmguard.facts.sshd.Sshd;

public final class SshPasswordAuth extends SshdCheck {

    static final CheckInfo INFO = CheckInfo.host("ssh.password-auth",
            "SSH password login is disabled", Severity.HIGH,
            "Internet-facing SSH servers are brute-forced around the clock; with password login on, one weak or "
                    + "reused password is a compromise. Keys cannot be guessed. A Match block that turns passwords "
                    + "back on for some users or addresses, and cloud-init's ssh_pwauth: true (which writes "
                    + "PasswordAuthentication yes at every new instance's first boot), count as on.",
            setLine("PasswordAuthentication no", "Log in with a key first, then disable passwords.")
                    + " If cloud-init is installed, also set `ssh_pwauth: false` in /etc/cloud/cloud.cfg.d/"
                    + "99-vmguard.cfg so new instances do not turn it back on.",
            "Disable SSH password login - use keys (Nectar and CSC Pouta security guidelines)",
            "CIS Debian Linux 12 Benchmark 5.1.x: Ensure sshd PasswordAuthentication is disabled",
            "DISA STIG: SSH must not permit password authentication where keys are required");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    List<String> options() {
        return List.of("passwordauthentication");
    }

    @Override
    Outcome judge(Host host, Sshd sshd) {
        return judgeOption(sshd, "passwordauthentication", Connection.ANY, "yes"::equals, null);
    }
}
