package org.vmguard.checks.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.core.ReportTarget;
import org.vmguard.core.Status;
import org.vmguard.core.OsInfo;
import org.vmguard.run.Runner;
import org.vmguard.testing.Tree;

class AccountUnusedTest {

    @TempDir
    Path dir;

    final AccountUnused check = new AccountUnused();

    static final String PASSWD = """
            root:x:0:0::/root:/bin/bash
            alice:x:1000:1000::/home/alice:/bin/bash
            bob:x:1001:1001::/home/bob:/bin/bash
            svc:x:1002:1002::/home/svc:/usr/sbin/nologin
            """;

    /** struct lastlog records (292 bytes, x86_64 glibc) for uids 0..max. */
    static byte[] lastlog(int max, Object... uidAndTime) {
        ByteBuffer b = ByteBuffer.allocate((max + 1) * 292).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < uidAndTime.length; i += 2) {
            int off = (Integer) uidAndTime[i] * 292;
            b.putInt(off, (int) ((Instant) uidAndTime[i + 1]).getEpochSecond());
            b.put(off + 4, "pts/0".getBytes(StandardCharsets.US_ASCII));
            b.put(off + 36, "198.51.100.7".getBytes(StandardCharsets.US_ASCII));
        }
        return b.array();
    }

    /** One USER_PROCESS struct utmp record (384 bytes). */
    static byte[] wtmp(String user, Instant t) {
        ByteBuffer b = ByteBuffer.allocate(384).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) 7);
        b.put(8, "pts/1".getBytes(StandardCharsets.US_ASCII));
        b.put(44, user.getBytes(StandardCharsets.US_ASCII));
        b.put(76, "203.0.113.9".getBytes(StandardCharsets.US_ASCII));
        b.putInt(340, (int) t.getEpochSecond());
        return b.array();
    }

    static Instant daysAgo(int d) {
        return Tree.NOW.minus(Duration.ofDays(d));
    }

    @Test
    void judgesOnlyRunningHostsAndSkipsAnImage() {
        var host = new Tree(dir).file("/etc/passwd", PASSWD).host();
        var r = Runner.run(host, host.kind(), new ReportTarget(host.kind(), "img", OsInfo.UNKNOWN), "baseline",
                List.of(check), Tree.NOW);
        assertThat(r.results().getFirst().status()).isEqualTo(Status.SKIP);
        assertThat(r.results().getFirst().reason()).contains("offline image");
    }

    @Test
    void passesWhenEveryHumanLoggedInRecentlyFromLastlogOrWtmp() {
        var t = new Tree(dir).file("/etc/passwd", PASSWD)
                .bytes("/var/log/lastlog", lastlog(1001, 1000, daysAgo(3), 1001, daysAgo(200)))
                .bytes("/var/log/wtmp", wtmp("bob", daysAgo(10)));
        Outcome o = check.evaluate(Hosts.live(t));
        assertThat(o).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsForAnAccountIdleForMoreThanNinetyDaysNamingTheRecord() {
        var t = new Tree(dir).file("/etc/passwd", PASSWD)
                .bytes("/var/log/lastlog", lastlog(1001, 1000, daysAgo(3), 1001, daysAgo(200)));
        Outcome o = check.evaluate(Hosts.live(t));
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("bob (200 days ago)").doesNotContain("svc");
        assertThat(o.evidence()).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo("/var/log/lastlog");
            assertThat(e.text()).contains("bob: last login", "pts/0", "198.51.100.7");
        });
    }

    @Test
    void failsForAnAccountThatNeverLoggedInUnlessItIsNew() {
        var t = new Tree(dir).file("/etc/passwd", PASSWD)
                .bytes("/var/log/lastlog", lastlog(1001, 1000, daysAgo(3)))
                .file("/etc/shadow", "bob:!:" + (daysAgo(400).getEpochSecond() / 86400) + ":0:99999:7:::\n");
        Outcome o = check.evaluate(Hosts.live(t));
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("bob (never logged in)");

        new Tree(dir).file("/etc/shadow", "bob:!:" + (daysAgo(5).getEpochSecond() / 86400) + ":0:99999:7:::\n");
        assertThat(check.evaluate(Hosts.live(t))).as("created five days ago").isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void skipsAHostThatKeepsNeitherLastlogNorWtmpAndSaysSo() {
        var t = new Tree(dir).file("/etc/passwd", PASSWD).file("/var/lib/lastlog/lastlog2.db", "SQLite format 3");
        Outcome o = check.evaluate(Hosts.live(t));
        assertThat(o).isInstanceOf(Outcome.Skip.class);
        assertThat(o.reason()).contains("/var/log/lastlog", "/var/lib/lastlog/lastlog2.db");
    }

    @Test
    void isAnErrorWhenNoSourceCoversAnAccount() {
        var t = new Tree(dir).file("/etc/passwd", PASSWD).bytes("/var/log/lastlog", lastlog(1000, 1000, daysAgo(1)));
        Outcome o = check.evaluate(Hosts.live(t));
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("bob");
    }
}
