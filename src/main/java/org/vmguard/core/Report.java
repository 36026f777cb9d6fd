package org.vmguard.core;

import java.time.Instant;
import java.util.List;

/** Every result of every check in the active profile, exactly once, for one target. */
public record Report(ReportTarget target, String profile, Instant startedAt, long durationMs, List<Result> results) {

    public static final String SCHEMA = "vmguard-report/1";

    public Report {
        results = List.copyOf(results);
    }

    public Summary summary() {
        return Summary.of(results);
    }

    /** Did anything fail at or above this severity? */
    public boolean failedAtLeast(Severity threshold) {
        return results.stream().anyMatch(r -> r.status() == Status.FAIL && r.severity().atLeast(threshold));
    }

    /** Did a check at or above this severity end in error (could not be evaluated)? */
    public boolean erroredAtLeast(Severity threshold) {
        return results.stream().anyMatch(r -> r.status() == Status.ERROR && r.check().severity().atLeast(threshold));
    }
}
