package org.vmguard.checks.log;

import org.vmguard.core.CheckInfo;
import org.vmguard.core.Severity;
import org.vmguard.facts.authlog.AuthLogAnalysis;

public final class LogRootLogin extends LogFindingCheck {

    static final CheckInfo INFO = CheckInfo.live(AuthLogAnalysis.ROOT_LOGIN,
            "Nobody logged in as root over SSH", Severity.HIGH,
            "Logging in as root leaves no trace of who did what, and makes root's credentials the target of every "
                    + "guess. Administrators log in as themselves and use sudo.",
            "Give administrators their own accounts with sudo, then set PermitRootLogin no in "
                    + "/etc/ssh/sshd_config.d/00-vmguard.conf, check with sshd -t, reload ssh.",
            "Disable root login over SSH", "CIS Debian 12 5.1.x: Ensure sshd PermitRootLogin is disabled");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    String what() {
        return "root login(s)";
    }
}
