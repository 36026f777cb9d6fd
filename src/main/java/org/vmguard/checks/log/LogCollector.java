package org.vmguard.checks.log;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.logging.Journald;
import org.vmguard.facts.logging.Syslog;

public final class LogCollector implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("log.collector",
            "Logs are collected and kept across reboots", Severity.MEDIUM,
            "After an incident the logs are the only record of what happened. Without a syslog daemon and with "
                    + "journald keeping logs only in memory (/run), a reboot or a crash erases them.",
            "Keep the journal on disk: `mkdir -p /var/log/journal && systemctl restart systemd-journald` (or "
                    + "`Storage=persistent` in a drop-in of /etc/systemd/journald.conf.d/), or install a syslog "
                    + "daemon: `apt install rsyslog`.",
            "CIS Debian Linux 12 6.1.x (Configure logging)", "journald.conf(5) Storage=");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        Syslog syslog = host.fact(Syslog.KEY);
        Journald journald = host.fact(Journald.KEY);
        List<Syslog.Daemon> active = syslog.active();
        if (!active.isEmpty()) {
            return Outcome.pass(active.get(0).name() + " collects logs", active.get(0).activeEvidence());
        }
        if (journald.persistent()) {
            List<Evidence> ev = new ArrayList<>(List.of(journald.storage()));
            if (journald.journalDirExists()) {
                ev.add(Evidence.file("/var/log/journal", "exists"));
            }
            return Outcome.pass("journald keeps logs on disk", ev);
        }
        List<Evidence> ev = new ArrayList<>();
        syslog.daemons().forEach(d -> ev.add(d.activeEvidence()));
        if (syslog.daemons().isEmpty()) {
            ev.add(Evidence.note("no syslog daemon (rsyslog, syslog-ng) is installed"));
        }
        ev.add(journald.storage());
        if (!journald.journalDirExists()) {
            ev.add(Evidence.note("/var/log/journal does not exist"));
        }
        return Outcome.fail("no syslog daemon runs and journald keeps logs only in memory (Storage="
                + journald.storageValue() + ")", ev);
    }
}
