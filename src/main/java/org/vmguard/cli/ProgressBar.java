package org.vmguard.cli;

import java.io.PrintStream;
import org.vmguard.fleet.FleetAudit;

/** A one-line progress bar on standard error, drawn only on a terminal. */
final class ProgressBar implements FleetAudit.Progress {

    private final PrintStream err;
    private int unreachable;

    ProgressBar(PrintStream err) {
        this.err = err;
    }

    static FleetAudit.Progress forTerminal(boolean quiet) {
        return !quiet && Terminal.isTerminal() ? new ProgressBar(System.err) : FleetAudit.Progress.NONE;
    }

    @Override
    public synchronized void finished(FleetAudit.HostResult result, int done, int total) {
        if (!result.reached()) {
            unreachable++;
        }
        int width = 30;
        int filled = total == 0 ? width : done * width / total;
        err.print("\r[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total + " hosts"
                + (unreachable > 0 ? ", " + unreachable + " unreachable" : "") + "   ");
        if (done == total) {
            err.print("\r" + " ".repeat(width + 50) + "\r");
        }
        err.flush();
    }
}
