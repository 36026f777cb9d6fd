package org.vmguard.checks.log;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.logging.LogFiles;

public final class LogFilePerms implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("log.file-perms",
            "Authentication and system logs are not readable by everyone", Severity.MEDIUM,
            "auth.log and secure record who logged in from where, failed passwords (users sometimes type their "
                    + "password as the user name) and sudo commands; any local user or compromised service that "
                    + "reads them learns accounts, habits and sometimes secrets.",
            "`chmod 0640 /var/log/auth.log /var/log/syslog && chgrp adm /var/log/auth.log /var/log/syslog` (Debian), "
                    + "`chmod 0600 /var/log/secure /var/log/messages` (RHEL family); keep rsyslog's "
                    + "`$FileCreateMode 0640` and logrotate's `create 0640 root adm` so new files stay private.",
            "CIS Debian Linux 12 6.1.4.x (log file access)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        List<Evidence> open = new ArrayList<>();
        List<Evidence> closed = new ArrayList<>();
        for (LogFiles.File f : host.fact(LogFiles.KEY).files()) {
            (f.worldReadable() ? open : closed).add(f.evidence());
        }
        if (!open.isEmpty()) {
            return Outcome.fail(open.size() + " log file(s) are readable by everyone", open);
        }
        if (closed.isEmpty()) {
            return Outcome.skip("no auth.log, secure, syslog or messages file: logs are kept in the journal only");
        }
        return Outcome.pass("authentication and system logs are readable only by their owner and group", closed);
    }
}
