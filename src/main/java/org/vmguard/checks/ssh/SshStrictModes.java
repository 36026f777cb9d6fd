package org.vmguard.checks.ssh;

import java.util.List;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.sshd.Setting;
import org.vmguard.facts.sshd.Sshd;

public final class SshStrictModes extends SshdCheck {

    static final CheckInfo INFO = CheckInfo.host("ssh.strict-modes",
            "SSH checks the modes of users' key files", Severity.MEDIUM,
            "With StrictModes no, sshd accepts an authorized_keys file that other users can write: anyone who "
                    + "can write into a home directory can add a key and log in as its owner.",
            setLine("StrictModes yes", "Turn the check back on (the OpenSSH default)."),
            "CIS Debian Linux 12 Benchmark 5.1.x: Ensure sshd StrictModes is enabled",
            "DISA STIG: The SSH daemon must perform strict mode checking of home directory configuration files");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    List<String> options() {
        return List.of("strictmodes");
    }

    @Override
    Outcome judge(Host host, Sshd sshd) {
        Setting s = sshd.config().global("strictmodes");
        if (s.value().equals("no")) {
            return Outcome.fail(s.describe(), s.evidence());
        }
        return Outcome.pass(s.describe(), s.evidence());
    }
}
