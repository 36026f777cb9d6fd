package org.vmguard.checks.log;

import org.vmguard.core.CheckInfo;
import org.vmguard.core.Severity;
import org.vmguard.facts.authlog.AuthLogAnalysis;

public final class LogPasswordLogin extends LogFindingCheck {

    static final CheckInfo INFO = CheckInfo.live(AuthLogAnalysis.PASSWORD_LOGIN,
            "Nobody logged in with a password", Severity.HIGH,
            "The guideline is keys only. A successful password (or keyboard-interactive) login shows that "
                    + "passwords are accepted and used, so they can be guessed too.",
            "Give the users keys (ssh-copy-id), then set PasswordAuthentication no and "
                    + "KbdInteractiveAuthentication no in /etc/ssh/sshd_config.d/00-vmguard.conf, check with sshd -t, "
                    + "reload ssh.",
            "Disable SSH password login - use keys", "CIS Debian 12 5.1.x: Ensure sshd PasswordAuthentication is disabled");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    String what() {
        return "password login(s)";
    }
}
