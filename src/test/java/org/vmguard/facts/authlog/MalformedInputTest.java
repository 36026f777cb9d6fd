package org.vmguard.facts.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input never stops the run: the bad lines are counted, the rest is analysed. */
class MalformedInputTest {

    static final String GOOD = "Nov 23 10:00:00 web01 sshd[1]: Failed password for root from 203.0.113.1 port 22 ssh2\n";

    @TempDir
    Path dir;

    @Test
    void malformedBinaryAndTooLongLinesAreCountedAndTheRestIsRead() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(GOOD.getBytes(StandardCharsets.UTF_8));
        out.writeBytes("Nov 99 25:61:00 web01 sshd[2]: Failed password for root from 203.0.113.2 port 22 ssh2\n".getBytes(StandardCharsets.UTF_8));
        out.writeBytes("complete garbage that is no log line\n".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {'N', 'o', 'v', 0, 0, (byte) 0xff, (byte) 0xfe, 7, '\n'});
        out.writeBytes(("Nov 23 10:00:01 web01 sshd[3]: Failed password for " + "x".repeat(100_000) + " from 203.0.113.3 port 22 ssh2\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(GOOD.getBytes(StandardCharsets.UTF_8));
        out.writeBytes("Nov 23 10:00:02 web01 sshd[4]: Failed password for root from 203.0.1".getBytes(StandardCharsets.UTF_8));
        AuthLogAnalysis a = AuthLogTexts.analyse(dir, out.toByteArray(), AuthLogTexts.MTIME);
        assertThat(a.inputs()).singleElement().satisfies(in -> {
            assertThat(in.lines()).isEqualTo(7);
            assertThat(in.unparsed()).isEqualTo(4);
            assertThat(in.error()).isNull();
        });
        assertThat(a.source("203.0.113.1").orElseThrow().failures()).isEqualTo(2);
        assertThat(a.source("203.0.113.2")).isEmpty();
        assertThat(a.source("203.0.113.3")).isEmpty();
    }

    @Test
    void aLineLongerThanAReadChunkIsCountedOnceAndSkipped() {
        int huge = AuthLogReader.CHUNK * 2 + 12345;
        ByteArrayOutputStream out = new ByteArrayOutputStream(huge + 1000);
        out.writeBytes(GOOD.getBytes(StandardCharsets.UTF_8));
        byte[] big = new byte[huge];
        java.util.Arrays.fill(big, (byte) 'A');
        out.writeBytes(big);
        out.write('\n');
        out.writeBytes(GOOD.getBytes(StandardCharsets.UTF_8));
        AuthLogAnalysis a = AuthLogTexts.analyse(dir, out.toByteArray(), AuthLogTexts.MTIME);
        assertThat(a.inputs().getFirst().lines()).isEqualTo(3);
        assertThat(a.inputs().getFirst().unparsed()).isEqualTo(1);
        assertThat(a.source("203.0.113.1").orElseThrow().failures()).isEqualTo(2);
    }

    @Test
    void aTruncatedGzipKeepsWhatWasReadAndSaysWhy() throws Exception {
        byte[] text = GOOD.repeat(50_000).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (var gz = new java.util.zip.GZIPOutputStream(z)) {
            gz.write(text);
        }
        byte[] cut = java.util.Arrays.copyOf(z.toByteArray(), z.size() / 2);
        AuthLogAnalysis a = AuthLogTexts.analyse(dir, cut, AuthLogTexts.MTIME);
        assertThat(a.inputs().getFirst().error()).contains("/auth.log");
        assertThat(a.source("203.0.113.1").orElseThrow().failures()).isPositive().isLessThan(50_000);
    }

    /** Real lines, mutated: bytes flipped, cut, spliced, doubled; seeded, so a failure repeats. */
    static Stream<Arguments> seeds() {
        return Stream.iterate(1L, s -> s + 1).limit(40).map(Arguments::of);
    }

    static final List<String> SAMPLES = List.of(
            "Nov 23 10:00:00 web01 sshd[1]: Failed password for invalid user admin from 203.0.113.1 port 22 ssh2",
            "2026-11-23T10:00:00.123456+01:00 web01 sshd-session[2]: Accepted publickey for alice from 2001:db8::1 port 22 ssh2: ED25519 SHA256:x",
            "Nov  3 10:00:00 web01 sshd[3]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.2  user=root",
            "Nov 23 10:00:00 web01 sshd[4]: error: maximum authentication attempts exceeded for root from 203.0.113.3 port 22 ssh2 [preauth]",
            "Nov 23 10:00:00 web01 sshd[5]: Received disconnect from 203.0.113.4 port 22:3: x: Auth fail [preauth]",
            "Nov 23 10:00:00 web01 sshd[6]: Disconnecting invalid user a 203.0.113.5 port 22: Change of username or service not allowed: (a,ssh) -> (b,ssh) [preauth]",
            "Nov 23 10:00:00 web01 sshd[7]: Connection closed by authenticating user root [2001:db8::9] port 22 [preauth]",
            "Nov 23 10:00:00 web01 sshd[8]: User bob from 203.0.113.6 not allowed because listed in DenyUsers",
            "Nov 23 10:00:00 web01 sshd[9]: Disconnecting: Too many authentication failures for root [preauth]",
            "Failed password for root from 127.0.0.1 port 5 ssh2",
            "Nov 23 10:00:00 web01 sshd[10]: refused connect from x.example (203.0.113.7)",
            "Nov 23 10:00:00 web01 sshd[11]: Authentication failure for bob from 203.0.113.8 via 10.0.0.1");

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedLinesNeverThrowAndEveryLineIsCounted(long seed) {
        Random r = new Random(seed);
        List<byte[]> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            byte[] b = SAMPLES.get(r.nextInt(SAMPLES.size())).getBytes(StandardCharsets.UTF_8);
            lines.add(mutate(r, b));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long ends = 0;
        for (byte[] l : lines) {
            out.writeBytes(l);
            out.write('\n');
        }
        for (byte c : out.toByteArray()) {
            if (c == '\n') {
                ends++;
            }
        }
        long expected = ends;
        AuthLogAnalysis a = AuthLogTexts.analyse(dir, out.toByteArray(), AuthLogTexts.MTIME);
        assertThat(a.inputs()).singleElement().satisfies(in -> {
            assertThat(in.error()).isNull();
            assertThat(in.lines()).isEqualTo(expected);
            assertThat(in.unparsed()).isBetween(0L, expected);
        });
        assertThat(a.sources()).allSatisfy(s -> assertThat(s.failures()).isNotNegative());
    }

    static byte[] mutate(Random r, byte[] b) {
        byte[] x = b.clone();
        int kind = r.nextInt(8);
        switch (kind) {
            case 0 -> {
                return x; // some stay intact
            }
            case 1 -> {
                for (int i = 0; i < 1 + r.nextInt(4); i++) {
                    x[r.nextInt(x.length)] = (byte) r.nextInt(256);
                }
            }
            case 2 -> x = java.util.Arrays.copyOf(x, r.nextInt(x.length));
            case 3 -> {
                int from = r.nextInt(x.length);
                byte[] y = new byte[x.length - from];
                System.arraycopy(x, from, y, 0, y.length);
                x = y;
            }
            case 4 -> {
                // splice two halves of the line at random points
                int a = r.nextInt(x.length);
                int c = r.nextInt(x.length);
                byte[] y = new byte[a + (x.length - c)];
                System.arraycopy(x, 0, y, 0, a);
                System.arraycopy(x, c, y, a, x.length - c);
                x = y;
            }
            case 5 -> {
                for (int i = 0; i < x.length; i++) {
                    if (x[i] == ' ' && r.nextInt(5) == 0) {
                        x[i] = (byte) "\t:[]()".charAt(r.nextInt(6));
                    }
                }
            }
            case 6 -> {
                byte[] y = new byte[x.length * 2];
                System.arraycopy(x, 0, y, 0, x.length);
                System.arraycopy(x, 0, y, x.length, x.length);
                x = y;
            }
            default -> {
                for (int i = 0; i < x.length; i++) {
                    if (Character.isDigit(x[i]) && r.nextBoolean()) {
                        x[i] = (byte) ('0' + r.nextInt(10));
                    }
                }
            }
        }
        // a mutation never adds line ends: the test counts them
        for (int i = 0; i < x.length; i++) {
            if (x[i] == '\n') {
                x[i] = ' ';
            }
        }
        return x;
    }
}
