package org.vmguard.facts.logins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Tools;

/** lastlog and wtmp read as glibc writes them, with shadow-utils' lastlog and util-linux's last as oracles. */
class LoginRecordsTest {

    @TempDir
    Path dir;

    static String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void readsTheRecordThatTheRealLastlogWrites() throws Exception {
        Path lastlog = Tools.require("/usr/bin/lastlog");
        if (!Tools.isRoot()) {
            return; // lastlog -R chroots, which needs root
        }
        Files.createDirectories(dir.resolve("etc"));
        Files.createDirectories(dir.resolve("var/log"));
        Files.writeString(dir.resolve("etc/passwd"), "root:x:0:0::/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n"
                + "bob:x:1001:1001::/home/bob:/bin/bash\n");
        Files.writeString(dir.resolve("etc/group"), "root:x:0:\nalice:x:1000:\nbob:x:1001:\n");
        Files.createFile(dir.resolve("var/log/lastlog"));
        Instant before = Instant.now().minusSeconds(1);
        run(lastlog.toString(), "-R", dir.toString(), "-S", "-u", "alice");
        Instant after = Instant.now().plusSeconds(1);

        LastLog l = LastLog.parse("/var/log/lastlog", Files.readAllBytes(dir.resolve("var/log/lastlog")));
        assertThat(l.records()).containsOnlyKeys(1000L);
        Login alice = l.of(1000).orElseThrow();
        assertThat(alice.time()).isBetween(before, after);
        assertThat(alice.line()).isEqualTo("lastlog");
        assertThat(alice.host()).isEqualTo("localhost");
        assertThat(l.covers(1000)).isTrue();
        assertThat(l.covers(1001)).as("the file ends at alice's record").isFalse();
    }

    static byte[] utmp(int type, String user, String line, String host, long sec) {
        ByteBuffer b = ByteBuffer.allocate(Wtmp.RECORD).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) type);
        b.putInt(4, 4242);
        b.put(8, line.getBytes(StandardCharsets.US_ASCII));
        b.put(40, "ts/0".getBytes(StandardCharsets.US_ASCII));
        b.put(44, user.getBytes(StandardCharsets.US_ASCII));
        b.put(76, host.getBytes(StandardCharsets.US_ASCII));
        b.putInt(340, (int) sec);
        return b.array();
    }

    @Test
    void agreesWithLastOnWhoLoggedInWhen() throws Exception {
        Path last = Tools.require("/usr/bin/last");
        var out = new java.io.ByteArrayOutputStream();
        out.write(utmp(2, "reboot", "~", "6.1.0", 1_789_000_000)); // BOOT_TIME
        out.write(utmp(7, "alice", "pts/0", "198.51.100.7", 1_790_000_000));
        out.write(utmp(7, "bob", "pts/1", "203.0.113.9", 1_790_500_000));
        out.write(utmp(8, "", "pts/1", "", 1_790_600_000)); // DEAD_PROCESS: a logout
        out.write(utmp(7, "alice", "pts/2", "198.51.100.8", 1_791_000_000));
        Path f = dir.resolve("wtmp");
        Files.write(f, out.toByteArray());

        Wtmp w = Wtmp.parse("/var/log/wtmp", Files.readAllBytes(f));
        Map<String, Instant> theirs = new HashMap<>();
        for (String line : run(last.toString(), "-f", f.toString(), "--time-format", "iso", "-w").split("\n")) {
            String[] c = line.trim().split("\\s+");
            if (c.length >= 4 && !c[0].equals("reboot") && c[3].matches("\\d{4}-.*")) {
                Instant t = OffsetDateTime.parse(c[3]).toInstant();
                theirs.merge(c[0], t, (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        Map<String, Instant> ours = new HashMap<>();
        w.last().forEach((u, l) -> ours.put(u, l.time()));
        assertThat(ours).isEqualTo(theirs).containsOnlyKeys("alice", "bob");
        assertThat(w.of("alice").orElseThrow().host()).isEqualTo("198.51.100.8");
        assertThat(w.since()).isEqualTo(Instant.ofEpochSecond(1_789_000_000));
        assertThat(Duration.between(w.since(), w.of("bob").orElseThrow().time()).toSeconds()).isEqualTo(1_500_000);
    }
}
