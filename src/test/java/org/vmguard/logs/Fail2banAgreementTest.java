package org.vmguard.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.facts.authlog.AuthLog;
import org.vmguard.facts.authlog.AuthLogAnalysis;
import org.vmguard.facts.authlog.Thresholds;
import org.vmguard.target.RootfsTarget;
import org.vmguard.testing.Tools;

/**
 * Our failure count per address against the reference: {@code fail2ban-regex -o ip} with Debian
 * 12's sshd filter (normal mode), on a generated log. The contract counts sshd-session lines
 * (OpenSSH 9.8+) like sshd lines, which Debian 12's filter cannot match; so fail2ban reads a copy
 * where "sshd-session[" is written "sshd[", and we read the original. {@code --usedns raw} keeps
 * fail2ban off the network (it would resolve host names) without changing what it matches.
 */
class Fail2banAgreementTest {

    static final Path FILTER = Path.of("/etc/fail2ban/filter.d/sshd.conf");
    static final int LINES = 1_000_000;

    @TempDir
    Path dir;

    /** Issue 5, point 1: the million-line log (fail2ban-regex takes ~30 s on it here). */
    @Test
    @Tag("slow")
    void failuresPerAddressEqualFail2bansOnAGeneratedLogWithSshdSessionLines() throws Exception {
        Path log = dir.resolve("auth.log");
        AuthLogGenerator.write(log, LINES, 42);
        String text = Files.readString(log);
        assertThat(text).contains(" sshd-session[").contains(" sshd[").contains("2001:db8:")
                .containsPattern("(?m)^Dec 31 ").containsPattern("(?m)^2026-01-0\\dT");
        Path renamed = dir.resolve("auth-sshd.log");
        Files.writeString(renamed, text.replace(" sshd-session[", " sshd["));

        Map<String, Long> theirs = fail2ban(renamed);
        AuthLogAnalysis ours = AuthLog.files(new RootfsTarget(Path.of("/")), List.of(log.toString()),
                Thresholds.FAIL2BAN_DEFAULTS, ZoneOffset.UTC);

        Map<String, Long> mine = new TreeMap<>();
        for (AuthLogAnalysis.Source s : ours.sources()) {
            if (s.failures() > 0) {
                mine.put(s.address(), s.failures());
            }
        }
        assertThat(theirs).hasSizeGreaterThan(2000);
        assertThat(theirs.keySet()).anyMatch(a -> a.contains(":"));
        assertThat(mine).isEqualTo(theirs);
        assertThat(ours.unparsed()).isZero();
        assertThat(ours.lines()).isEqualTo(LINES);
    }

    @Test
    void theFilterIgnoresSshdSessionLinesWhichIsWhyTheComparisonRenamesThem() throws Exception {
        Path log = dir.resolve("auth.log");
        Files.writeString(log, """
                Nov 23 10:00:00 web01 sshd-session[100]: Failed password for root from 203.0.113.1 port 22 ssh2
                Nov 23 10:00:00 web01 sshd[101]: Failed password for root from 203.0.113.2 port 22 ssh2
                """);
        assertThat(fail2ban(log)).containsOnlyKeys("203.0.113.2");
        AuthLogAnalysis ours = AuthLog.files(new RootfsTarget(Path.of("/")), List.of(log.toString()),
                Thresholds.FAIL2BAN_DEFAULTS, ZoneOffset.UTC);
        assertThat(ours.source("203.0.113.1").orElseThrow().failures()).isEqualTo(1);
        assertThat(ours.source("203.0.113.2").orElseThrow().failures()).isEqualTo(1);
    }

    @Test
    void agreesOnTheFiltersConnectionMemory() throws Exception {
        // lines without an address take the connection's; a second user name in one connection
        // turns a failed public key into a failure; max attempts for "invalid user X" is such a
        // second name; an accepted key clears nothing that was counted
        Path log = dir.resolve("auth.log");
        Files.writeString(log, """
                Nov 23 10:00:00 web01 sshd[110]: Failed password for root from 203.0.113.14 port 22 ssh2
                Nov 23 10:00:01 web01 sshd[110]: Disconnecting: Too many authentication failures [preauth]
                Nov 23 10:00:02 web01 sshd[111]: Disconnecting: Too many authentication failures [preauth]
                Nov 23 10:00:03 web01 sshd[109]: Failed publickey for bob from 203.0.113.13 port 22 ssh2: ED25519 SHA256:abc
                Nov 23 10:00:03 web01 sshd[109]: Failed publickey for alice from 203.0.113.13 port 22 ssh2: ED25519 SHA256:abc
                Nov 23 10:00:04 web01 sshd[120]: Invalid user admin from 2001:db8::7 port 22
                Nov 23 10:00:04 web01 sshd[120]: Failed password for invalid user admin from 2001:db8::7 port 22 ssh2
                Nov 23 10:00:04 web01 sshd[120]: error: maximum authentication attempts exceeded for invalid user admin from 2001:db8::7 port 22 ssh2 [preauth]
                Nov 23 10:00:04 web01 sshd[120]: Connection closed by invalid user admin 2001:db8::7 port 22 [preauth]
                Nov 23 10:00:05 web01 sshd[130]: Failed publickey for invalid user git from 203.0.113.20 port 22 ssh2: RSA SHA256:x
                Nov 23 10:00:06 web01 sshd[140]: Failed password for carol from 203.0.113.21 port 22 ssh2
                Nov 23 10:00:07 web01 sshd[140]: Accepted password for carol from 203.0.113.21 port 22 ssh2
                Nov 23 10:00:08 web01 sshd[150]: Accepted keyboard-interactive/pam for dave from 203.0.113.22 port 22 ssh2
                Nov 23 10:00:08 web01 sshd[150]: Failed publickey for erin from 203.0.113.22 port 22 ssh2: RSA SHA256:x
                Nov 23 10:00:09 web01 sshd[160]: error: PAM: Authentication failure for frank from 203.0.113.23
                Nov 23 10:00:09 web01 sshd[161]: User guest from 203.0.113.24 not allowed because not listed in AllowUsers
                Nov 23 10:00:09 web01 sshd[162]: Received disconnect from 203.0.113.25 port 22:3: com.jcraft.jsch.JSchException: Auth fail [preauth]
                Nov 23 10:00:09 web01 sshd[163]: Failed none for invalid user  from 203.0.113.26 port 22 ssh2
                Nov 23 10:00:09 web01 sshd[164]: Failed password for root from ::ffff:203.0.113.27 port 22 ssh2
                """);
        Map<String, Long> theirs = fail2ban(log);
        AuthLogAnalysis ours = AuthLog.files(new RootfsTarget(Path.of("/")), List.of(log.toString()),
                Thresholds.FAIL2BAN_DEFAULTS, ZoneOffset.UTC);
        Map<String, Long> mine = new TreeMap<>();
        ours.sources().stream().filter(s -> s.failures() > 0).forEach(s -> mine.put(s.address(), s.failures()));
        assertThat(mine).isEqualTo(theirs);
        assertThat(theirs).containsEntry("203.0.113.14", 2L).containsEntry("203.0.113.13", 1L)
                .containsEntry("2001:db8::7", 4L).doesNotContainKey("203.0.113.22").containsKey("203.0.113.27");
    }

    static Map<String, Long> fail2ban(Path log) throws IOException, InterruptedException {
        Path regex = Tools.require("/usr/bin/fail2ban-regex");
        Path err = Files.createTempFile(log.getParent(), "fail2ban-", ".err");
        Process p = new ProcessBuilder(regex.toString(), "--usedns", "raw", "-o", "ip", log.toString(), FILTER.toString())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        Map<String, Long> counts = new TreeMap<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                counts.merge(line.strip(), 1L, Long::sum);
            }
        }
        return counts;
    }
}
