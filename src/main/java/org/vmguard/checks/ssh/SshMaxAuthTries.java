package org.vmguard.checks.ssh;

import java.util.List;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.sshd.Connection;
import org.vmguard.facts.sshd.Sshd;

public final class SshMaxAuthTries extends SshdCheck {

    static final int LIMIT = 4;

    static final CheckInfo INFO = CheckInfo.host("ssh.max-auth-tries",
            "SSH allows at most 4 authentication attempts per connection", Severity.LOW,
            "Each connection may try MaxAuthTries passwords or keys (OpenSSH's default is 6); a low limit slows "
                    + "guessing and makes brute force show up in the logs sooner.",
            setLine("MaxAuthTries 4", "Lower the limit."),
            "CIS Debian Linux 12 Benchmark 5.1.x: Ensure sshd MaxAuthTries is configured",
            "DISA STIG: The SSH daemon must limit failed authentication attempts");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    List<String> options() {
        return List.of("maxauthtries");
    }

    @Override
    Outcome judge(Host host, Sshd sshd) {
        return judgeOption(sshd, "maxauthtries", Connection.ANY, v -> Long.parseLong(v) > LIMIT, null);
    }
}
