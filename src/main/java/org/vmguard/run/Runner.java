package org.vmguard.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Outcome;
import org.vmguard.core.Report;
import org.vmguard.core.ReportTarget;
import org.vmguard.core.Result;
import org.vmguard.core.TargetKind;
import org.vmguard.facts.FactException;

/**
 * Runs checks and collects one result per check. The only place where a check's exception is
 * caught: it becomes {@code error} with the reason, and the run carries on.
 */
public final class Runner {

    private Runner() {
    }

    public static <F> Report run(F facts, TargetKind kind, ReportTarget target, String profile,
            List<? extends Check<F>> checks, Instant startedAt) {
        long t0 = System.nanoTime();
        // Checks are pure functions of memoised, thread-safe facts: running them concurrently
        // overlaps the facts' file reads and commands (sshd -T, nft, …). Results keep the
        // catalogue's order.
        List<Future<Result>> futures = new ArrayList<>(checks.size());
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS, Thread.ofPlatform().daemon().factory())) {
            for (Check<F> check : checks) {
                futures.add(pool.submit(() -> Result.of(check.info(), evaluate(check, facts, kind))));
            }
        }
        List<Result> results = new ArrayList<>(checks.size());
        for (int i = 0; i < futures.size(); i++) {
            results.add(result(futures.get(i), checks.get(i)));
        }
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        return new Report(target, profile, startedAt, ms, results);
    }

    /** Enough to overlap I/O waits on two cores without thrashing. */
    static final int THREADS = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);

    private static <F> Result result(Future<Result> f, Check<F> check) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.of(check.info(), Outcome.error("interrupted"));
        } catch (ExecutionException e) {
            return Result.of(check.info(), Outcome.error("internal error in " + check.info().id() + ": " + e.getCause()));
        }
    }

    static <F> Outcome evaluate(Check<F> check, F facts, TargetKind kind) {
        CheckInfo info = check.info();
        if (!info.targets().contains(kind)) {
            return Outcome.skip(notApplicable(info, kind));
        }
        try {
            return check.evaluate(facts);
        } catch (FactException e) {
            return Outcome.error(e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return Outcome.error("internal error in " + info.id() + ": " + e);
        }
    }

    private static String notApplicable(CheckInfo info, TargetKind kind) {
        if (kind == TargetKind.ROOTFS && info.targets().stream().allMatch(TargetKind::live)) {
            return "needs a running host; this target is an offline image";
        }
        return "does not apply to a " + kind.label() + " target";
    }
}
