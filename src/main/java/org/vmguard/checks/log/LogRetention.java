package org.vmguard.checks.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.logging.Journald;
import org.vmguard.facts.logging.LogFiles;
import org.vmguard.facts.logging.Logrotate;
import org.vmguard.facts.logging.Syslog;

public final class LogRetention implements Check<Host> {

    static final long DAYS = 90;

    static final CheckInfo INFO = CheckInfo.host("log.retention",
            "Authentication logs are kept for 90 days", Severity.LOW,
            "Intrusions are often found weeks after they began. Debian's rsyslog rotation keeps auth.log for four "
                    + "weeks, so by the time someone asks \"who logged in last month\" the answer is gone.",
            "Keep at least 90 days: in /etc/logrotate.d/rsyslog give /var/log/auth.log its own block with "
                    + "`weekly` and `rotate 13` (or `monthly` and `rotate 3`), or set `rotate 13` for the shared "
                    + "block; for the journal set `MaxRetentionSec=` to 90d or more (or leave it unset) in "
                    + "/etc/systemd/journald.conf.d/.",
            "CIS Controls v8 8.10 (retain audit logs for at least 90 days)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        Syslog syslog = host.fact(Syslog.KEY);
        LogFiles files = host.fact(LogFiles.KEY);
        String authLog = files.authLog().orElse(null);
        if (authLog == null && !syslog.active().isEmpty()) {
            authLog = files.redHatLayout() ? "/var/log/secure" : "/var/log/auth.log";
        }
        if (authLog != null) {
            Logrotate lr = host.fact(Logrotate.KEY);
            if (!lr.present()) {
                return Outcome.pass(authLog + " is never rotated (no " + Logrotate.CONF + "): nothing is deleted",
                        Evidence.note("no " + Logrotate.CONF));
            }
            Optional<Logrotate.Entry> e = lr.forFile(authLog);
            if (e.isEmpty()) {
                return Outcome.pass("no logrotate block names " + authLog + ": it is never rotated away",
                        Evidence.note("no pattern of " + Logrotate.CONF + " or its includes matches " + authLog));
            }
            Logrotate.Settings s = e.get().settings();
            List<Evidence> ev = new ArrayList<>();
            ev.add(e.get().block());
            ev.addAll(s.evidence());
            String how = "rotate " + s.rotate() + " × " + (s.period().isEmpty() ? "daily runs" : s.period())
                    + (s.maxage() >= 0 ? ", maxage " + s.maxage() : "");
            if (s.days() < DAYS) {
                return Outcome.fail(authLog + " is kept for about " + Math.round(s.days()) + " days (" + how
                        + "), less than " + DAYS, ev);
            }
            return Outcome.pass(authLog + " is kept for about " + Math.round(s.days()) + " days (" + how + ")", ev);
        }
        Journald j = host.fact(Journald.KEY);
        if (!j.persistent()) {
            return Outcome.fail("there is no auth log file and the journal is kept only in memory: a reboot erases it",
                    List.of(j.storage()));
        }
        long secs = j.maxRetentionSeconds();
        if (secs == 0) {
            return Outcome.pass("the journal keeps authentication records with no time limit (MaxRetentionSec unset; "
                    + "only its size limits apply)", j.storage());
        }
        long days = secs / 86400;
        if (days < DAYS) {
            return Outcome.fail("journald deletes entries after " + days + " days (MaxRetentionSec), less than " + DAYS,
                    List.of(j.maxRetention().get()));
        }
        return Outcome.pass("journald keeps entries for " + days + " days", j.maxRetention().get());
    }
}
