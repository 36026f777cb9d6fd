package org.vmguard.core;

import java.time.Instant;
import java.util.List;

/**
 * Every result of every check in the active profile, exactly once, for one target, and the
 * waivers that matched some of them.
 */
public record Report(ReportTarget target, String profile, Instant startedAt, long durationMs, List<Result> results,
        List<Waived> waivers) {

    public static final String SCHEMA = "vmguard-report/1";

    public Report {
        results = List.copyOf(results);
        waivers = List.copyOf(waivers);
    }

    public Report(ReportTarget target, String profile, Instant startedAt, long durationMs, List<Result> results) {
        this(target, profile, startedAt, durationMs, results, List.of());
    }

    public Report withWaivers(List<Waived> matched) {
        return new Report(target, profile, startedAt, durationMs, results, matched);
    }

    /** Is this check's result covered by a waiver that has not expired? */
    public boolean waived(String id) {
        return waivers.stream().anyMatch(w -> w.id().equals(id) && !w.expired());
    }

    public Summary summary() {
        return Summary.of(results);
    }

    /** Did anything fail at or above this severity? */
    public boolean failedAtLeast(Severity threshold) {
        return results.stream().anyMatch(r -> r.status() == Status.FAIL && r.severity().atLeast(threshold) && !waived(r.id()));
    }

    /** Did a check at or above this severity end in error (could not be evaluated)? */
    public boolean erroredAtLeast(Severity threshold) {
        return results.stream()
                .anyMatch(r -> r.status() == Status.ERROR && r.check().severity().atLeast(threshold) && !waived(r.id()));
    }
}
