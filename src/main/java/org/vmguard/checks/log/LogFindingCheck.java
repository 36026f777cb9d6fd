package org.vmguard.checks.log;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.facts.Host;
import org.vmguard.facts.authlog.AuthLog;
import org.vmguard.facts.authlog.AuthLogAnalysis;

/**
 * The checks that report a finding of the SSH authentication log analysis (the one {@code vmguard
 * logs} prints): each fails when its finding appears, with the log lines that show it.
 */
abstract class LogFindingCheck implements Check<Host> {

    /** Evidence lines shown; the report of {@code vmguard logs} has them all. */
    private static final int MAX_EVIDENCE = 10;

    /** "successful root logins", for the messages. */
    abstract String what();

    @Override
    public Outcome evaluate(Host host) {
        AuthLog log = host.fact(AuthLog.KEY);
        if (log.sources().isEmpty()) {
            return Outcome.skip("no SSH authentication log found (/var/log/auth.log, /var/log/secure or the journal)");
        }
        CheckInfo info = info();
        List<AuthLogAnalysis.Finding> found = log.analysis().findings(info.id());
        String read = String.format("%,d line(s) of %s", log.analysis().lines(), String.join(", ", log.sources()));
        if (found.isEmpty()) {
            return Outcome.pass("no " + what() + " in " + read);
        }
        List<Evidence> evidence = new ArrayList<>();
        for (AuthLogAnalysis.Finding f : found) {
            if (evidence.size() >= MAX_EVIDENCE) {
                break;
            }
            evidence.add(f.evidence().getFirst());
        }
        long times = found.stream().mapToLong(AuthLogAnalysis.Finding::count).sum();
        String first = found.getFirst().message();
        return Outcome.fail(found.size() + " " + what() + " (" + times + " time(s)) in " + read + "; first: " + first
                + (found.size() > MAX_EVIDENCE ? "; vmguard logs lists them all" : ""), evidence);
    }
}
