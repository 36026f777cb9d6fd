package org.vmguard.logs;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;

import org.vmguard.cli.Main;

/**
 * Runs one vmguard command many times in one JVM and prints each run's wall time: once the JIT
 * has compiled everything, a run costs what the whole process would cost with no start-up and no
 * warm-up at all. {@code bench/logs-floor.sh} uses it to measure the lower bound of a
 * {@code vmguard logs} process on this machine (issue 5).
 *
 * <p>Usage: {@code LogsWarmRuns RUNS COMMAND ARGS…}; the command's own output is discarded.
 */
public final class LogsWarmRuns {

    private LogsWarmRuns() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        int runs = Integer.parseInt(args[0]);
        String[] command = Arrays.copyOfRange(args, 1, args.length);
        for (int r = 1; r <= runs; r++) {
            long start = System.nanoTime();
            int status = Main.run(command);
            long ms = (System.nanoTime() - start) / 1_000_000;
            out.println("run " + r + ": " + ms + " ms (exit " + status + ")");
        }
    }
}
