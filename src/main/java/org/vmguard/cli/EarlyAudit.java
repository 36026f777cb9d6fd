package org.vmguard.cli;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.FutureTask;
import org.vmguard.catalogue.Profile;
import org.vmguard.catalogue.Selection;
import org.vmguard.core.Report;
import org.vmguard.facts.Host;
import org.vmguard.run.HostAudit;
import org.vmguard.target.LocalTarget;

/**
 * The plain audit of this machine, started on a second thread before picocli reads the command
 * line. Building picocli's model takes the main thread ~0.1 s at start-up while the other core
 * idles; gathering facts meanwhile is most of an audit's work. It starts only when the command
 * line asks for nothing but an audit of this machine with the baseline selection (options that
 * change how the report is written do not matter); {@link AuditCommand} then takes its report
 * when its own selection is the same, or reuses its host's memoised facts when not. Facts only
 * read the machine, so an early start that the command line turns out not to want (a usage
 * error) has changed nothing.
 */
final class EarlyAudit {

    /** The options of `audit` that change only how the report is written (any other: no early start). */
    private static final Set<String> WITH_VALUE = Set.of("--format", "--output", "--waivers", "--fail-on");
    private static final Set<String> FLAGS = Set.of("--no-color", "--quiet", "--verbose");

    private static volatile EarlyAudit started;

    private final Host host;
    private final FutureTask<Report> report;

    private EarlyAudit(Host host, FutureTask<Report> report) {
        this.host = host;
        this.report = report;
    }

    static Selection selection() {
        return Selection.of(Profile.BASELINE);
    }

    /** Starts it when {@code argv} is a plain `audit` of this machine; otherwise does nothing. */
    static void startFor(String[] argv) {
        if (!plain(argv) || System.getenv("VMGUARD_NO_EARLY_AUDIT") != null) {
            return;
        }
        Host host = new Host(new LocalTarget(), Instant::now);
        FutureTask<Report> report = new FutureTask<>(() -> HostAudit.run(host, selection(), Instant::now));
        started = new EarlyAudit(host, report);
        Thread.ofPlatform().daemon().name("early-audit").start(report);
    }

    /** Whether {@code argv} asks for the baseline audit of this machine, whatever the report's format. */
    static boolean plain(String[] argv) {
        if (argv.length == 0 || !argv[0].equals("audit")) {
            return false;
        }
        for (int i = 1; i < argv.length; i++) {
            String a = argv[i];
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (WITH_VALUE.contains(name)) {
                i += a.contains("=") ? 0 : 1;
            } else if (!FLAGS.contains(name)) {
                return false;
            }
        }
        return true;
    }

    /** The early audit, once: later callers (and tests that never started one) get nothing. */
    static Optional<EarlyAudit> take() {
        EarlyAudit e = started;
        started = null;
        return Optional.ofNullable(e);
    }

    Host host() {
        return host;
    }

    /** Its report; the runner turns every check's failure into a result, so this only waits. */
    Report report() {
        try {
            return report.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while auditing", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the audit failed: " + e.getCause(), e.getCause());
        }
    }
}
