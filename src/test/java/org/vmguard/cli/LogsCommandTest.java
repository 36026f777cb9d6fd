package org.vmguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Tools;
import org.vmguard.testing.Tree;

class LogsCommandTest {

    static final String BREAK_IN = """
            Nov 23 10:00:00 web01 sshd[301]: Failed password for root from 198.51.100.66 port 40001 ssh2
            Nov 23 10:00:04 web01 sshd[301]: Failed password for root from 198.51.100.66 port 40001 ssh2
            Nov 23 10:00:07 web01 sshd[301]: Accepted password for root from 198.51.100.66 port 40001 ssh2
            """;

    static final String BRUTE = """
            Nov 23 11:00:00 web01 sshd[401]: Failed password for root from 203.0.113.9 port 40001 ssh2
            Nov 23 11:00:01 web01 sshd[401]: Failed password for root from 203.0.113.9 port 40001 ssh2
            Nov 23 11:00:02 web01 sshd[401]: Failed password for root from 203.0.113.9 port 40001 ssh2
            Nov 23 11:00:03 web01 sshd[402]: Failed password for root from 2001:db8::9 port 40001 ssh2
            Nov 23 11:00:04 web01 sshd[402]: Failed password for root from 2001:db8::9 port 40001 ssh2
            Nov 23 11:00:05 web01 sshd[402]: Failed password for root from 2001:db8::9 port 40001 ssh2
            Nov 23 11:00:06 web01 sshd[403]: Failed password for root from 203.0.113.9 port 40002 ssh2
            Nov 23 11:00:07 web01 sshd[403]: Failed password for root from 203.0.113.9 port 40002 ssh2
            Nov 23 11:00:08 web01 sshd[404]: Failed password for root from 2001:db8::9 port 40002 ssh2
            Nov 23 11:00:09 web01 sshd[404]: Failed password for root from 2001:db8::9 port 40002 ssh2
            """;

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.run(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path log(String text) throws Exception {
        Path p = dir.resolve("auth.log");
        Files.writeString(p, text);
        Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.from(Instant.parse("2026-11-23T12:00:00Z")));
        return p;
    }

    @Test
    void writesTheVmguardLogsSchemaAndExitsOneOnACriticalFinding() throws Exception {
        Path p = log(BREAK_IN + BRUTE);
        Run r = run("logs", p.toString(), "--format", "json", "--timezone", "UTC");
        assertThat(r.status()).isEqualTo(ExitCode.FAILED);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("schema").asText()).isEqualTo("vmguard-logs/1");
        assertThat(j.path("inputs").get(0).path("path").asText()).isEqualTo(p.toString());
        assertThat(j.path("inputs").get(0).path("lines").asLong()).isEqualTo(13);
        assertThat(j.path("inputs").get(0).path("unparsed").asLong()).isZero();
        assertThat(j.path("window").path("from").asText()).isEqualTo("2026-11-23T10:00:00Z");
        JsonNode first = j.path("sources").get(0);
        assertThat(first.path("address").asText()).isIn("203.0.113.9", "2001:db8::9");
        assertThat(first.path("failures").asLong()).isEqualTo(5);
        assertThat(first.path("bruteForce").asBoolean()).isTrue();
        assertThat(first.has("invalidUsers") && first.has("successes") && first.has("users") && first.has("firstSeen")
                && first.has("lastSeen")).isTrue();
        JsonNode finding = j.path("findings").get(0);
        assertThat(finding.path("id").asText()).isEqualTo("log.success-after-failures");
        assertThat(finding.path("severity").asText()).isEqualTo("critical");
        assertThat(finding.path("address").asText()).isEqualTo("198.51.100.66");
        assertThat(finding.path("user").asText()).isEqualTo("root");
        assertThat(finding.path("time").asText()).isEqualTo("2026-11-23T10:00:07Z");
        assertThat(finding.path("evidence").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(finding.path("evidence").get(0).path("text").asText()).contains("Accepted password for root");
    }

    @Test
    void failOnDecidesTheExitStatus() throws Exception {
        Path p = log(BRUTE);
        assertThat(run("logs", p.toString(), "--format", "json").status()).isEqualTo(ExitCode.OK);
        assertThat(run("logs", p.toString(), "--format", "json", "--fail-on", "medium").status()).isEqualTo(ExitCode.FAILED);
        Path q = log(BREAK_IN);
        assertThat(run("logs", q.toString(), "--fail-on", "none").status()).isEqualTo(ExitCode.OK);
    }

    @Test
    void maxretryAndFindtimeChangeWhoIsABruteForcer() throws Exception {
        Path p = log(BRUTE);
        Run strict = run("logs", p.toString(), "--format", "json", "--maxretry", "6", "--findtime", "1h");
        JsonNode j = new ObjectMapper().readTree(strict.out());
        assertThat(j.path("sources").findValues("bruteForce")).allMatch(b -> !b.asBoolean());
        Run loose = run("logs", p.toString(), "--format", "json", "--maxretry", "2", "--findtime", "2s");
        assertThat(new ObjectMapper().readTree(loose.out()).path("sources").findValues("bruteForce"))
                .allMatch(JsonNode::asBoolean);
    }

    @Test
    void textFitsEightyColumns() throws Exception {
        Path p = log(BREAK_IN + BRUTE);
        Run r = run("logs", p.toString(), "--no-color");
        assertThat(r.out()).contains("log.success-after-failures").contains("203.0.113.9").contains("2001:db8::9");
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.codePointCount(0, l.length())).isLessThanOrEqualTo(80));
    }

    @Test
    void wrongOptionsExitTwoAndMissingLogsExitThree() throws Exception {
        Path p = log(BRUTE);
        assertThat(run("logs", p.toString(), "--findtime", "soon").status()).isEqualTo(ExitCode.USAGE);
        assertThat(run("logs", p.toString(), "--maxretry", "0").status()).isEqualTo(ExitCode.USAGE);
        assertThat(run("logs", p.toString(), "--emit", "iptables").status()).isEqualTo(ExitCode.USAGE);
        Run missing = run("logs", dir.resolve("nope.log").toString());
        assertThat(missing.status()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(missing.err()).contains("nope.log");
        assertThat(run("logs", "--root", dir.resolve("no-image").toString()).status()).isEqualTo(ExitCode.UNREACHABLE);
    }

    @Test
    void readsAnImagesLogsThroughItsRoot() throws Exception {
        Tree t = new Tree(dir.resolve("image")).file("/var/log/auth.log.1", BREAK_IN).file("/var/log/auth.log", BRUTE)
                .mtime("/var/log/auth.log.1", Instant.parse("2026-11-23T12:00:00Z"))
                .mtime("/var/log/auth.log", Instant.parse("2026-11-23T12:00:00Z"));
        Run r = run("logs", "--root", t.root().toString(), "--format", "json", "--timezone", "UTC");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("inputs").findValuesAsText("path")).containsExactly("/var/log/auth.log.1", "/var/log/auth.log");
        assertThat(j.path("findings").get(0).path("evidence").get(0).path("path").asText()).isEqualTo("/var/log/auth.log.1");
    }

    @Test
    void emitsAnNftablesRulesetThatNftAccepts() throws Exception {
        Path p = log(BRUTE);
        Run r = run("logs", p.toString(), "--emit", "nft");
        assertThat(r.out()).contains("table inet vmguard_ssh").contains("203.0.113.9").contains("2001:db8::9")
                .contains("tcp dport 22 ip saddr @bruteforce_v4 counter drop");
        Path nft = Tools.require("/usr/sbin/nft");
        org.junit.jupiter.api.Assumptions.assumeTrue(Tools.isRoot(), "nft -c needs root (in a network namespace of its own)");
        Path rules = dir.resolve("ban.nft");
        Files.writeString(rules, r.out());
        // -c only checks; the private network namespace keeps the host's ruleset out of reach anyway
        Process check = new ProcessBuilder("unshare", "-n", nft.toString(), "-c", "-f", rules.toString())
                .redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(out).isZero();
    }

    @Test
    void aHugeMaxretryIsACommandLineErrorNotAnOutOfMemoryCrash() throws Exception {
        Path p = log(BRUTE);
        Run r = run("logs", p.toString(), "--maxretry", "2147483647");
        assertThat(r.status()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--maxretry").contains("1000").doesNotContain("Exception").doesNotContain("Error:");
        assertThat(run("logs", p.toString(), "--format", "json", "--maxretry", "1000").status()).isEqualTo(ExitCode.OK);
    }

    @Test
    void aFindtimeThatIsNotPositiveIsNamedAsTheUserWroteIt() throws Exception {
        Path p = log(BRUTE);
        Run r = run("logs", p.toString(), "--findtime", "-5m");
        assertThat(r.status()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--findtime").contains("'-5m'").doesNotContain("PT");
    }

    @Test
    void rotationsGivenInTheShellsGlobOrderAreReadOldestFirst() throws Exception {
        // `vmguard logs auth.log*` passes auth.log auth.log.1 auth.log.2.gz: newest first
        Path old = dir.resolve("auth.log.2.gz");
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(old))) {
            gz.write("""
                    Nov 20 10:00:01 web01 sshd[11]: Failed password for alice from 198.51.100.7 port 41 ssh2
                    Nov 20 10:00:02 web01 sshd[12]: Failed password for alice from 198.51.100.7 port 42 ssh2
                    """.getBytes(StandardCharsets.UTF_8));
        }
        Path mid = dir.resolve("auth.log.1");
        Files.writeString(mid, "Nov 21 10:00:00 web01 sshd[13]: Failed password for alice from 198.51.100.7 port 43 ssh2\n");
        Path now = dir.resolve("auth.log");
        Files.writeString(now, "Nov 22 10:00:00 web01 sshd[14]: Accepted password for alice from 198.51.100.7 port 44 ssh2\n");
        for (Path f : new Path[] {old, mid, now}) {
            Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(Instant.parse("2026-11-23T12:00:00Z")));
        }
        Run r = run("logs", now.toString(), mid.toString(), old.toString(), "--format", "json", "--timezone", "UTC");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("inputs").findValuesAsText("path")).containsExactly(old.toString(), mid.toString(), now.toString());
        assertThat(j.path("findings").findValuesAsText("id")).contains("log.success-after-failures");
        assertThat(r.status()).isEqualTo(ExitCode.FAILED);
    }

    @Test
    void unrelatedFilesKeepTheOrderGiven() throws Exception {
        Path b = dir.resolve("web02.log");
        Path a = dir.resolve("web01.log");
        Files.writeString(a, BRUTE);
        Files.writeString(b, BREAK_IN);
        Run r = run("logs", b.toString(), a.toString(), "--format", "json");
        assertThat(new ObjectMapper().readTree(r.out()).path("inputs").findValuesAsText("path"))
                .containsExactly(b.toString(), a.toString());
    }

    @Test
    void aTruncatedGzipKeepsTheLinesBeforeTheCutAndSaysItIsTruncated() throws Exception {
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(whole)) {
            for (int i = 0; i < 2000; i++) {
                gz.write(("Nov 23 10:00:00 web01 sshd[" + i + "]: Failed password for root from 203.0.113.9 port 4000 ssh2\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        Path cut = dir.resolve("auth.log.2.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole.toByteArray(), whole.size() / 2));
        Run r = run("logs", cut.toString(), "--format", "json");
        assertThat(r.status()).as(r.err()).isEqualTo(ExitCode.OK);
        JsonNode in = new ObjectMapper().readTree(r.out()).path("inputs").get(0);
        assertThat(in.path("lines").asLong()).isPositive();
        assertThat(in.path("error").asText()).contains(cut.toString()).contains("truncated");
        assertThat(r.err()).contains("truncated").doesNotContain("no log could be read");
    }

    @Test
    void aGzipNameOnSomethingThatIsNotGzipSaysSo() throws Exception {
        Path fake = dir.resolve("auth.log.3.gz");
        Files.write(fake, new byte[] {0x1f, (byte) 0x8b, 'n', 'o', 't', '\n'});
        Run r = run("logs", fake.toString());
        assertThat(r.status()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(r.err()).contains(fake.toString()).contains("not a valid gzip file");
    }

    @Test
    void emitNftWithFormatJsonIsRefusedRatherThanSilentlyPrintingNft() throws Exception {
        Path p = log(BRUTE);
        Run r = run("logs", p.toString(), "--emit", "nft", "--format", "json");
        assertThat(r.status()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--emit").contains("--format json");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aFileMissingFromAnImageIsSaidToBeMissingInThatImage() throws Exception {
        Path image = Files.createDirectories(dir.resolve("image/var/log")).getParent().getParent();
        Run r = run("logs", "--root", image.toString(), "/var/log/auth.log");
        assertThat(r.status()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(r.err()).contains("/var/log/auth.log: no such file in " + image);
    }

    @Test
    void verboseShowsEveryUserNameInsteadOfNone() throws Exception {
        Path p = log(BRUTE + BREAK_IN);
        String users = run("logs", p.toString(), "--no-color", "--verbose").out().lines()
                .dropWhile(l -> !l.startsWith("User names")).skip(1).findFirst().orElse("");
        assertThat(users).contains("root");
    }

    @Test
    void anSshPortOutsideOneTo65535IsRefused() throws Exception {
        Path p = log(BRUTE);
        for (String port : new String[] {"0", "-1", "70000"}) {
            Run r = run("logs", p.toString(), "--emit", "nft", "--port=" + port);
            assertThat(r.status()).as(port).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).contains("--port");
        }
    }

    @Test
    void anOutputInADirectoryThatDoesNotExistNamesTheDirectoryNotATemporaryFile() throws Exception {
        Path p = log(BRUTE);
        Path out = dir.resolve("reports/2026/r.json");
        Run r = run("logs", p.toString(), "--format", "json", "--output", out.toString());
        assertThat(r.status()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--output " + out).contains(out.getParent() + ": no such directory")
                .doesNotContain(".tmp");
    }

    static final String JOURNAL = """
            {"__REALTIME_TIMESTAMP":"1795428000000000","_HOSTNAME":"web01","SYSLOG_IDENTIFIER":"sshd","_PID":"7","MESSAGE":"Failed password for root from 198.51.100.66 port 40001 ssh2"}
            {"__REALTIME_TIMESTAMP":"1795428004000000","_HOSTNAME":"web01","SYSLOG_IDENTIFIER":"sshd","_PID":"7","MESSAGE":"Accepted password for root from 198.51.100.66 port 40001 ssh2"}
            """;

    @Test
    void aGzippedJournalExportIsReadLikeAPlainOne() throws Exception {
        Path gz = dir.resolve("journal.json.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(JOURNAL.getBytes(StandardCharsets.UTF_8));
        }
        Run r = run("logs", "--journal", gz.toString(), "--format", "json");
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("inputs").get(0).path("lines").asLong()).isEqualTo(2);
        assertThat(j.path("inputs").get(0).path("unparsed").asLong()).isZero();
        assertThat(j.path("findings").findValuesAsText("id")).contains("log.success-after-failures");
    }

    @Test
    void aJournalExportReadAsSyslogOrASyslogFileReadAsAJournalGetsAHint() throws Exception {
        Path json = dir.resolve("journal.json");
        Files.writeString(json, JOURNAL);
        Run plain = run("logs", json.toString());
        assertThat(plain.err()).contains(json.toString()).contains("--journal");
        Path p = log(BRUTE);
        Run asJournal = run("logs", "--journal", p.toString());
        assertThat(asJournal.err()).contains(p.toString()).contains("leave out --journal");
        assertThat(run("logs", p.toString()).err()).doesNotContain("--journal");
    }

    @Test
    void aPipeNamedOnTheCommandLineIsReadLikeCatWouldAndANamedOneIsAnnounced() throws Exception {
        // vmguard logs <(zcat old.gz) and mkfifo: what the user named is read to its end
        Path fifo = dir.resolve("auth.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mk.waitFor()).isZero();
        Thread writer = Thread.ofVirtual().start(() -> {
            try (var out = Files.newOutputStream(fifo)) {
                out.write(BRUTE.getBytes(StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Run r = run("logs", fifo.toString(), "--format", "json");
        writer.join(10_000);
        assertThat(r.status()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(new ObjectMapper().readTree(r.out()).path("inputs").get(0).path("lines").asLong()).isEqualTo(10);
        assertThat(r.err()).contains(fifo.toString()).contains("named pipe");
    }

    @Test
    void aPipeInsideAnImageIsNeverOpened() throws Exception {
        Path image = dir.resolve("image");
        Files.createDirectories(image.resolve("var/log"));
        Process mk = new ProcessBuilder("mkfifo", image.resolve("var/log/auth.log").toString()).inheritIO().start();
        assertThat(mk.waitFor()).isZero();
        Run r = run("logs", "--root", image.toString(), "/var/log/auth.log");
        assertThat(r.status()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(r.err()).contains("/var/log/auth.log").contains("not a regular file");
    }

    /** A live machine with no /var/log/auth.log and a journal that has no sshd entry (a container). */
    static org.vmguard.target.Target liveWithoutSshLogs(Path root) {
        org.vmguard.target.RootfsTarget files = new org.vmguard.target.RootfsTarget(root);
        return new org.vmguard.target.Target() {
            public org.vmguard.core.TargetKind kind() {
                return org.vmguard.core.TargetKind.LOCAL;
            }

            public String name() {
                return "container";
            }

            public java.util.Optional<byte[]> read(String path) throws java.io.IOException {
                return files.read(path);
            }

            public java.util.List<String> list(String d) throws java.io.IOException {
                return files.list(d);
            }

            public java.util.Optional<org.vmguard.target.FileStat> stat(String path) throws java.io.IOException {
                return files.stat(path);
            }

            public java.util.Optional<String> readLink(String path) throws java.io.IOException {
                return files.readLink(path);
            }

            public boolean canExec() {
                return true;
            }

            public org.vmguard.target.ExecResult exec(java.util.List<String> argv, java.time.Duration timeout) {
                return new org.vmguard.target.ExecResult(0, "", "", false); // journalctl with no entry to show
            }
        };
    }

    @Test
    void aLiveMachineWithNoAuthLogAndNoSshdInItsJournalHasNoLogToReadRatherThanZeroFailures() throws Exception {
        Files.createDirectories(dir.resolve("var/log"));
        LogsCommand c = LogsCommand.parseFast(new String[] {"logs"});
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.analyse(liveWithoutSshLogs(dir),
                        org.vmguard.facts.authlog.Thresholds.FAIL2BAN_DEFAULTS, java.time.ZoneOffset.UTC))
                .isInstanceOf(TargetError.class)
                .hasMessageContaining("no auth.log or secure in /var/log")
                .hasMessageContaining("no sshd entry");
    }
}
