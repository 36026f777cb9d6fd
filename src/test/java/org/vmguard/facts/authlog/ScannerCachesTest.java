package org.vmguard.facts.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmguard.logs.AuthLogGenerator;

/**
 * The scanner keeps what the line before taught it: the minute of a stamp, the "host sshd[" of a
 * prefix, the number of a host. None of that may change what a line means. Seeded random chunks
 * (generated lines, some of them altered where those shortcuts look: other hosts and programs,
 * odd pids, spacing, single-digit days, stamps one second or one minute apart) are scanned whole
 * and line by line with fresh scanners; every line's event must be the same.
 */
class ScannerCachesTest {

    @TempDir
    static Path dir;

    private static List<String> generated;

    static Stream<Long> seeds() throws IOException {
        if (generated == null) {
            Path log = dir.resolve("gen.log");
            AuthLogGenerator.write(log, 20_000, 7);
            generated = Files.readAllLines(log, StandardCharsets.UTF_8);
        }
        return new Random(3).longs(40).boxed();
    }

    private static final String[] PREFIXES = {"web01 sshd[", "web01 sshd-session[", "web02 sshd[", "web01  sshd[",
        "web01 sshd-sessio[", "web01 sshd [", "web01 sshdd[", "sshd[", "web01 sshd", "web01 CRON[", "wéb01 sshd["};
    private static final String[] PIDS = {"123]: ", "123]:", "12a]: ", "]: ", "123]:\t", "123] : ", "0123]: ",
        "1234567890]: ", "99]:  "};

    private static String alter(String line, Random r) {
        int sp = line.indexOf(' ', line.startsWith("2") ? 0 : 16);
        String stamp = line.substring(0, sp);
        String rest = line.substring(sp + 1);
        int bracket = rest.indexOf("]: ");
        String message = bracket >= 0 ? rest.substring(bracket + 3) : rest;
        return switch (r.nextInt(6)) {
            case 0 -> stamp + " " + PREFIXES[r.nextInt(PREFIXES.length)] + PIDS[r.nextInt(PIDS.length)] + message;
            case 1 -> stamp.replaceFirst("^(\\w{3}) (\\d)(\\d)", "$1  $3") + " " + rest; // "Jan  5"
            case 2 -> stamp.replaceFirst(":(\\d)(\\d)$", ":" + r.nextInt(6) + "$2") + " " + rest; // another second
            case 3 -> stamp.replaceFirst("(\\d\\d):(\\d\\d):(\\d\\d)", "$1:0" + r.nextInt(10) + ":$3") + " " + rest; // another minute
            case 4 -> stamp + "  " + rest; // two spaces
            default -> line;
        };
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void whatTheScannerRemembersChangesNoLine(long seed) {
        Random r = new Random(seed);
        int from = r.nextInt(generated.size() - 600);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String line = generated.get(from + i);
            lines.add(r.nextInt(4) == 0 ? alter(line, r) : line);
        }
        SyslogClock clock = new SyslogClock(1_768_500_000L, ZoneId.of("Europe/Helsinki"));
        ConnectionKeys keys = new ConnectionKeys();
        byte[] chunk = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        EventBatch whole = new EventBatch(chunk);
        new AuthLineScanner(whole, clock.fork(), keys).scan(0, chunk.length);
        List<String> alone = new ArrayList<>();
        int unparsed = 0;
        for (String line : lines) {
            byte[] one = (line + "\n").getBytes(StandardCharsets.UTF_8);
            EventBatch b = new EventBatch(one);
            new AuthLineScanner(b, clock.fork(), keys).scan(0, one.length);
            unparsed += b.unparsed;
            for (int i = 0; i < b.size; i++) {
                alone.add(describe(b, i, line));
            }
        }
        List<String> together = new ArrayList<>();
        for (int i = 0; i < whole.size; i++) {
            together.add(describe(whole, i, lines.get(whole.line[i])));
        }
        assertThat(together).isEqualTo(alone);
        assertThat(whole.unparsed).isEqualTo(unparsed);
        assertThat(together).hasSizeGreaterThan(300);
    }

    private static String describe(EventBatch b, int i, String line) {
        return String.join("|", line, SshdMessage.of(b.kind[i]).name(), String.valueOf(b.flags[i]),
                String.valueOf(b.time[i]), b.address[i] < 0 ? "-" : b.addresses.value(b.address[i]),
                b.user[i] < 0 ? "-" : b.users.value(b.user[i]), b.filterUser[i] < 0 ? "-" : b.users.value(b.filterUser[i]),
                b.method[i] < 0 ? "-" : b.methods.value(b.method[i]), String.valueOf(b.connection[i]),
                b.text(i));
    }
}
