package org.vmguard.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run of the launcher's AOT cache (JEP 483): one JVM runs what a user runs most,
 * output discarded, so that the cache holds those classes loaded and linked. `./vmguard` runs it
 * once after each build with {@code -XX:AOTCacheOutput}; it audits this machine (read-only, as
 * `vmguard audit` does), lists the catalogue and reads a few sample auth-log lines. With the
 * argument {@code logs} it trains the cache of `vmguard logs` alone: a JVM maps every class of
 * its cache at start, and the smaller cache starts `logs` ~25 ms sooner (bench/README.md).
 */
public final class AotTraining {

    private static final String SAMPLE = """
            Nov 23 12:47:41 vm sshd[1001]: Invalid user admin from 192.0.2.7 port 50022
            Nov 23 12:47:43 vm sshd[1001]: Failed password for invalid user admin from 192.0.2.7 port 50022 ssh2
            Nov 23 12:47:45 vm sshd[1001]: Connection closed by invalid user admin 192.0.2.7 port 50022 [preauth]
            2026-11-23T12:48:01.123456+00:00 vm sshd-session[1002]: Failed password for root from 2001:db8::7 port 50100 ssh2
            2026-11-23T12:48:05.123456+00:00 vm sshd-session[1002]: Accepted password for root from 2001:db8::7 port 50100 ssh2
            Nov 23 12:49:00 vm sshd[1003]: Accepted publickey for alice from 198.51.100.4 port 40000 ssh2: ED25519 SHA256:x
            Nov 23 12:49:10 vm sshd[1004]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.9  user=bob
            """;

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        Path sample = Files.createTempFile("vmguard-aot-", ".log");
        int failed = 0;
        try {
            Files.writeString(sample, SAMPLE);
            System.setOut(nowhere);
            System.setErr(nowhere);
            String[][] logs = {
                {"logs", sample.toString(), "--format", "json", "--fail-on", "none"},
                {"logs", sample.toString(), "--fail-on", "none"},
            };
            String[][] runs = args.length > 0 && args[0].equals("logs") ? logs : new String[][] {
                {"audit", "--format", "json", "--fail-on", "none"},
                {"audit", "--fail-on", "none"},
                {"checks"},
                logs[0],
                logs[1],
            };
            for (String[] run : runs) {
                if (Main.run(run) > 1) {
                    failed++;
                }
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            Files.deleteIfExists(sample);
        }
        // the cache is still worth having when one run could not complete (e.g. no auth log)
        System.exit(failed == 0 ? 0 : 1);
    }
}
