package org.vmguard.facts.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.target.RootfsTarget;
import org.vmguard.testing.Tree;

class AuthLineScannerTest {

    @TempDir
    Path dir;

    @Test
    void infersTheYearOfTraditionalStampsAndRollsBackAcrossNewYear() {
        AuthLogAnalysis a = AuthLogTexts.analyse(dir, """
                Dec 31 23:59:58 web01 sshd[10]: Failed password for root from 203.0.113.1 port 22 ssh2
                Jan  1 00:00:02 web01 sshd[11]: Failed password for root from 203.0.113.2 port 22 ssh2
                Jan  2 08:00:00 web01 sshd[12]: Failed password for root from 203.0.113.3 port 22 ssh2
                """.getBytes(StandardCharsets.UTF_8), Instant.parse("2026-01-02T09:00:00Z"));
        assertThat(a.source("203.0.113.1").orElseThrow().firstSeen()).isEqualTo(Instant.parse("2025-12-31T23:59:58Z"));
        assertThat(a.source("203.0.113.2").orElseThrow().firstSeen()).isEqualTo(Instant.parse("2026-01-01T00:00:02Z"));
        assertThat(a.window().to()).isEqualTo(Instant.parse("2026-01-02T08:00:00Z"));
        assertThat(a.timeline()).extracting(AuthLogAnalysis.Hour::start).first()
                .isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
    }

    @Test
    void readsRfc3339StampsWithTheirOffsets() {
        AuthLogAnalysis a = AuthLogTexts.analyse(dir, """
                2026-11-23T10:00:01.123456+02:00 web01 sshd[10]: Failed password for root from 203.0.113.1 port 22 ssh2
                2026-11-23T10:00:01Z web01 sshd[11]: Failed password for root from 203.0.113.2 port 22 ssh2
                """);
        assertThat(a.source("203.0.113.1").orElseThrow().firstSeen()).isEqualTo(Instant.parse("2026-11-23T08:00:01Z"));
        assertThat(a.source("203.0.113.2").orElseThrow().firstSeen()).isEqualTo(Instant.parse("2026-11-23T10:00:01Z"));
    }

    @Test
    void understandsSshdSessionPreauthIpv6AndMappedAddresses() {
        AuthLogAnalysis a = AuthLogTexts.analyse(dir, """
                Nov 23 10:00:00 web01 sshd-session[20]: Invalid user oracle from 2001:DB8:0:0:0::7 port 40000
                Nov 23 10:00:01 web01 sshd-session[20]: Failed password for invalid user oracle from 2001:DB8:0:0:0::7 port 40000 ssh2
                Nov 23 10:00:02 web01 sshd-session[20]: Connection closed by invalid user oracle 2001:db8::7 port 40000 [preauth]
                Nov 23 10:00:03 web01 sshd[21]: Failed password for root from ::ffff:198.51.100.4 port 40001 ssh2
                Nov 23 10:00:04 web01 sshd[22]: error: maximum authentication attempts exceeded for invalid user test from 198.51.100.5 port 40002 ssh2 [preauth]
                """);
        AuthLogAnalysis.Source v6 = a.source("2001:db8::7").orElseThrow();
        assertThat(v6.failures()).isEqualTo(2);
        assertThat(v6.invalidUsers()).isEqualTo(1);
        assertThat(v6.users()).containsExactly("oracle");
        assertThat(a.source("198.51.100.4").orElseThrow().failures()).isEqualTo(1);
        assertThat(a.source("198.51.100.5").orElseThrow().users()).containsExactly("test");
        assertThat(a.networks()).extracting(AuthLogAnalysis.Network::network)
                .contains("2001:db8::/48", "198.51.100.0/24");
        assertThat(a.users()).anySatisfy(u -> assertThat(u.user()).isEqualTo("test"));
        assertThat(a.users()).filteredOn(u -> u.user().equals("test")).singleElement()
                .satisfies(u -> assertThat(u.invalid()).isTrue());
    }

    @Test
    void readsPamAndAcceptedLinesAndIgnoresOtherPrograms() {
        AuthLogAnalysis a = AuthLogTexts.analyse(dir, """
                Nov 23 10:00:00 web01 sshd[30]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.9  user=alice
                Nov 23 10:00:01 web01 sshd[30]: Failed password for alice from 203.0.113.9 port 40000 ssh2
                Nov 23 10:00:02 web01 sshd[30]: Accepted password for alice from 203.0.113.9 port 40000 ssh2
                Nov 23 10:00:02 web01 sshd[30]: pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)
                Nov 23 10:00:03 web01 CRON[31]: pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)
                Nov 23 10:00:04 web01 sudo: alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/true
                Nov 23 10:00:05 web01 sshd[32]: Accepted keyboard-interactive/pam for bob from 203.0.113.10 port 40001 ssh2
                """);
        assertThat(a.unparsed()).isZero();
        AuthLogAnalysis.Source s = a.source("203.0.113.9").orElseThrow();
        assertThat(s.failures()).isEqualTo(1);
        assertThat(s.successes()).isEqualTo(1);
        assertThat(a.findings(AuthLogAnalysis.SUCCESS_AFTER_FAILURES)).singleElement().satisfies(f -> {
            assertThat(f.user()).isEqualTo("alice");
            assertThat(f.evidence()).extracting(e -> e.line()).containsExactly(3, 2);
        });
        assertThat(a.findings(AuthLogAnalysis.PASSWORD_LOGIN)).extracting(AuthLogAnalysis.Finding::user)
                .containsExactlyInAnyOrder("alice", "bob");
        assertThat(a.findings(AuthLogAnalysis.ROOT_LOGIN)).isEmpty();
    }

    @Test
    void bruteForceNeedsMaxretryFailuresWithinFindtime() {
        StringBuilder slow = new StringBuilder();
        StringBuilder fast = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            slow.append("Nov 23 1").append(i).append(":00:00 web01 sshd[4").append(i)
                    .append("]: Failed password for root from 203.0.113.20 port 1 ssh2\n");
            fast.append("Nov 23 10:0").append(i).append(":00 web01 sshd[5").append(i)
                    .append("]: Failed password for root from 203.0.113.21 port 1 ssh2\n");
        }
        AuthLogAnalysis a = AuthLogTexts.analyse(dir, slow.toString() + fast);
        assertThat(a.source("203.0.113.20").orElseThrow().bruteForce()).isFalse();
        assertThat(a.source("203.0.113.21").orElseThrow().bruteForce()).isTrue();
        assertThat(a.findings(AuthLogAnalysis.BRUTE_FORCE)).singleElement()
                .satisfies(f -> assertThat(f.address()).isEqualTo("203.0.113.21"));
    }

    @Test
    void aLoginFromANewNetworkAfterTheFirstDayIsAFinding() {
        AuthLogAnalysis a = AuthLogTexts.analyse(dir, """
                Nov 20 09:00:00 web01 sshd[60]: Accepted publickey for alice from 192.0.2.10 port 1 ssh2: ED25519 SHA256:a
                Nov 22 09:00:00 web01 sshd[61]: Accepted publickey for alice from 192.0.2.77 port 1 ssh2: ED25519 SHA256:a
                Nov 22 10:00:00 web01 sshd[62]: Accepted publickey for alice from 198.51.100.3 port 1 ssh2: ED25519 SHA256:a
                """);
        assertThat(a.findings(AuthLogAnalysis.NEW_NETWORK)).singleElement()
                .satisfies(f -> assertThat(f.address()).isEqualTo("198.51.100.3"));
    }

    @Test
    void readsRotatedLogsOldestFirst() throws Exception {
        Tree t = new Tree(dir).file("/var/log/auth.log", "").file("/var/log/auth.log.1", "")
                .bytes("/var/log/auth.log.2.gz", new byte[0]).bytes("/var/log/auth.log.10.gz", new byte[0])
                .file("/var/log/secure", "").file("/var/log/secure-20261101", "").file("/var/log/secure-20261108.gz", "")
                .file("/var/log/syslog", "");
        assertThat(AuthLogFiles.find(new RootfsTarget(t.root()))).containsExactly(
                "/var/log/auth.log.10.gz", "/var/log/auth.log.2.gz", "/var/log/auth.log.1", "/var/log/auth.log",
                "/var/log/secure-20261101", "/var/log/secure-20261108.gz", "/var/log/secure");
    }

    @Test
    void readsJournalctlJsonOutput() throws Exception {
        Path json = dir.resolve("journal.json");
        Files.writeString(json, """
                {"__REALTIME_TIMESTAMP":"1763892000123456","_HOSTNAME":"web01","SYSLOG_IDENTIFIER":"sshd-session","_PID":"812","_COMM":"sshd-session","MESSAGE":"Failed password for root from 203.0.113.30 port 40000 ssh2","PRIORITY":"6"}
                {"__REALTIME_TIMESTAMP":"1763892001000000","_HOSTNAME":"web01","SYSLOG_IDENTIFIER":"sshd","_PID":"813","MESSAGE":[73,110,118,97,108,105,100,32,117,115,101,114,32,120,32,102,114,111,109,32,50,48,51,46,48,46,49,49,51,46,51,48,32,112,111,114,116,32,49]}
                this is not json
                {"__REALTIME_TIMESTAMP":"1763892002000000","_HOSTNAME":"web01","SYSLOG_IDENTIFIER":"sshd","_PID":"814","MESSAGE":"Accepted publickey for alice from 192.0.2.10 port 1 ssh2: ED25519 SHA256:a"}
                """);
        AuthLogAnalysis a = AuthLog.journalFiles(new RootfsTarget(dir), List.of("/journal.json"),
                Thresholds.FAIL2BAN_DEFAULTS, ZoneOffset.UTC);
        assertThat(a.inputs()).singleElement().satisfies(in -> {
            assertThat(in.lines()).isEqualTo(4);
            assertThat(in.unparsed()).isEqualTo(1);
        });
        AuthLogAnalysis.Source s = a.source("203.0.113.30").orElseThrow();
        assertThat(s.failures()).isEqualTo(2);
        assertThat(s.invalidUsers()).isEqualTo(1);
        assertThat(s.firstSeen()).isEqualTo(Instant.ofEpochSecond(1763892000L));
        assertThat(a.source("192.0.2.10").orElseThrow().successes()).isEqualTo(1);
    }

    @Test
    void canonicalAddressesAndNetworks() {
        assertThat(SourceAddress.canonical("2001:0DB8:0000:0000:0000:0000:0000:0001")).isEqualTo("2001:db8::1");
        assertThat(SourceAddress.canonical("2001:db8:0:1:0:0:1:1")).isEqualTo("2001:db8:0:1::1:1");
        assertThat(SourceAddress.canonical("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(SourceAddress.canonical("[2001:db8::1]")).isEqualTo("2001:db8::1");
        assertThat(SourceAddress.canonical("scanner.example.net")).isEqualTo("scanner.example.net");
        assertThat(SourceAddress.network("2001:db8:1:2:3::4")).isEqualTo("2001:db8:1::/48");
        assertThat(SourceAddress.network("198.51.100.77")).isEqualTo("198.51.100.0/24");
        assertThat(SourceAddress.isIpv6("1:2:3")).isFalse();
        assertThat(SourceAddress.isIpv4("256.1.1.1")).isFalse();
    }
}
