package org.vmguard.checks.ssh;

import java.util.List;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.sshd.Connection;
import org.vmguard.facts.sshd.Sshd;

public final class SshEmptyPasswords extends SshdCheck {

    static final CheckInfo INFO = CheckInfo.host("ssh.empty-passwords",
            "SSH refuses accounts with empty passwords", Severity.CRITICAL,
            "PermitEmptyPasswords yes lets anyone log in, over the network, as any account whose password "
                    + "field is empty: no secret at all stands between the internet and a shell.",
            setLine("PermitEmptyPasswords no", "Refuse empty passwords (the OpenSSH default)."),
            "CIS Debian Linux 12 Benchmark 5.1.x: Ensure sshd PermitEmptyPasswords is disabled",
            "DISA STIG: The SSH daemon must not allow authentication using an empty password");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    List<String> options() {
        return List.of("permitemptypasswords");
    }

    @Override
    Outcome judge(Host host, Sshd sshd) {
        return judgeOption(sshd, "permitemptypasswords", Connection.ANY, "yes"::equals, null);
    }
}
