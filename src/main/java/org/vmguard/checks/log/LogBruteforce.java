package org.vmguard.checks.log;

import org.vmguard.core.CheckInfo;
import org.vmguard.core.Severity;
import org.vmguard.facts.authlog.AuthLogAnalysis;

public final class LogBruteforce extends LogFindingCheck {

    static final CheckInfo INFO = CheckInfo.live(AuthLogAnalysis.BRUTE_FORCE,
            "No source brute-forces SSH unhindered", Severity.MEDIUM,
            "An address that fails to log in 5 times within 10 minutes (the defaults of fail2ban's sshd jail) is "
                    + "guessing passwords. Each guess that reaches sshd is a chance for a weak password; an address "
                    + "that keeps guessing has not been banned.",
            "Turn password login off (PasswordAuthentication no in /etc/ssh/sshd_config.d/00-vmguard.conf, then "
                    + "sshd -t and reload ssh) and ban guessing sources: apt-get install fail2ban (its sshd jail is on "
                    + "by default), or load the rules of `vmguard logs --emit nft`. Restrict port 22 to known networks "
                    + "in the cloud security group.",
            "Disable SSH password login - use keys", "fail2ban sshd jail (maxretry 5, findtime 10m)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    String what() {
        return "brute-force source(s)";
    }
}
