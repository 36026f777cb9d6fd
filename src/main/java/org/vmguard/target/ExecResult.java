package org.vmguard.target;

/** What a command printed and how it ended. Output is capped; {@code truncated} says so. */
public record ExecResult(int exitCode, String stdout, String stderr, boolean truncated) {

    public boolean ok() {
        return exitCode == 0;
    }
}
