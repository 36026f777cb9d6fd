package org.vmguard.cli;

import org.vmguard.core.Report;
import org.vmguard.core.Severity;

/** The exit statuses of the interface contract. */
public final class ExitCode {

    /** Nothing failed at or above --fail-on. */
    public static final int OK = 0;
    /** Something failed at or above --fail-on. */
    public static final int FAILED = 1;
    /** The command line, a config file or a credential is wrong. */
    public static final int USAGE = 2;
    /** A target could not be reached or read at all. */
    public static final int UNREACHABLE = 3;
    /** Nothing failed, but a check at or above --fail-on could not be evaluated. */
    public static final int NOT_EVALUATED = 4;

    private ExitCode() {
    }

    /** @param threshold null for --fail-on none */
    public static int of(Iterable<Report> reports, Severity threshold) {
        if (threshold == null) {
            return OK;
        }
        boolean failed = false;
        boolean errored = false;
        for (Report r : reports) {
            failed |= r.failedAtLeast(threshold);
            errored |= r.erroredAtLeast(threshold);
        }
        return failed ? FAILED : errored ? NOT_EVALUATED : OK;
    }
}
