package org.vmguard.checks.ssh;

import java.util.List;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.sshd.Connection;
import org.vmguard.facts.sshd.Sshd;

public final class SshX11Forwarding extends SshdCheck {

    static final CheckInfo INFO = CheckInfo.host("ssh.x11-forwarding",
            "SSH X11 forwarding is off", Severity.LOW,
            "A server VM needs no X11 forwarding; when it is on, a compromised server can reach into the X "
                    + "displays of the users who connect with -X (keystrokes, screenshots).",
            setLine("X11Forwarding no", "Turn X11 forwarding off (the OpenSSH default)."),
            "CIS Debian Linux 12 Benchmark 5.1.x: Ensure sshd X11Forwarding is disabled",
            "DISA STIG: The SSH daemon must not permit X11 forwarding unless needed");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    List<String> options() {
        return List.of("x11forwarding");
    }

    @Override
    Outcome judge(Host host, Sshd sshd) {
        return judgeOption(sshd, "x11forwarding", Connection.ANY, "yes"::equals, null);
    }
}
