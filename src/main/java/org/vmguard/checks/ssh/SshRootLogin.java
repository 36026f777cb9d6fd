package org.vmguard.checks.ssh;

import java.util.List;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.sshd.Sshd;

public final class SshRootLogin extends SshdCheck {

    static final CheckInfo INFO = CheckInfo.host("ssh.root-login",
            "SSH does not let root log in", Severity.HIGH,
            "root is the one account name every attacker knows, and a root login leaves no trace of which person "
                    + "used it. PermitRootLogin yes allows passwords too (high); prohibit-password (also spelt "
                    + "without-password, the default since OpenSSH 7.0) and forced-commands-only still accept "
                    + "root's keys (medium). Match blocks that can apply to root's connections count.",
            setLine("PermitRootLogin no", "Log in as a named user and use sudo.")
                    + " Check first that a non-root user with sudo rights can log in with a key.",
            "Disable root login over SSH (Nectar and CSC Pouta security guidelines)",
            "CIS Debian Linux 12 Benchmark 5.1.x: Ensure sshd PermitRootLogin is disabled",
            "DISA STIG: The SSH daemon must not allow direct logons as root");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    List<String> options() {
        return List.of("permitrootlogin");
    }

    @Override
    Outcome judge(Host host, Sshd sshd) {
        var root = Sshd.rootConnection(host);
        Outcome o = judgeOption(sshd, "permitrootlogin", root, "yes"::equals, null);
        if (o instanceof Outcome.Fail) {
            return o;
        }
        Outcome keys = judgeOption(sshd, "permitrootlogin", root, v -> !v.equals("no"), Severity.MEDIUM);
        if (keys instanceof Outcome.Fail f) {
            return Outcome.fail(Severity.MEDIUM, f.reason() + " (root may log in with a key)", f.evidence());
        }
        return keys;
    }
}
