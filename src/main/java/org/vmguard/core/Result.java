package org.vmguard.core;

import java.util.List;

/** One check's result on one target, as reports show it. */
public record Result(CheckInfo check, Status status, Severity severity, String reason, List<Evidence> evidence) {

    /** Reasons quote values from the target (an AllowUsers list); beyond this they are cut. */
    public static final int MAX_REASON = 8192;

    public Result {
        evidence = List.copyOf(evidence);
        reason = reason == null ? null : Evidence.shorten(reason, MAX_REASON);
    }

    public static Result of(CheckInfo check, Outcome outcome) {
        return switch (outcome) {
            case Outcome.Pass p -> new Result(check, Status.PASS, check.severity(), p.reason(), p.evidence());
            case Outcome.Fail f -> new Result(check, Status.FAIL,
                    f.severity() == null ? check.severity() : f.severity(), f.reason(), f.evidence());
            case Outcome.Skip s -> new Result(check, Status.SKIP, check.severity(), s.reason(), List.of());
            case Outcome.Error e -> new Result(check, Status.ERROR, check.severity(), e.reason(), List.of());
            case Outcome.Info i -> new Result(check, Status.INFO, check.severity(), i.reason(), i.evidence());
        };
    }

    public String id() {
        return check.id();
    }
}
