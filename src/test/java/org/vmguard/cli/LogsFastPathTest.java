package org.vmguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * `vmguard logs` reads simple command lines without picocli (start-up time); these seeded random
 * command lines show that whatever the fast path accepts, it reads exactly as picocli does, and
 * that it leaves to picocli every line picocli refuses.
 */
class LogsFastPathTest {

    private static final String[] WORDS = {
        "auth.log", "secure.1.gz", "/var/log/auth.log", "json", "text", "yaml", "--format", "--format=json",
        "--fail-on", "none", "critical", "--fail-on=medium", "--output", "out.txt", "--output=r.json", "--no-color",
        "--verbose", "--journal", "--root", "/srv/img", "--maxretry", "3", "x7", "010", "+4", "--maxretry=9",
        "--findtime", "1h", "--findtime=600", "--timezone", "UTC", "Europe/Helsinki", "--emit", "nft",
        "--port", "2222", "--port=22", "-p", "--", "-", "@args", "--help", "-h", "--journal=true", "--verbos", "",
    };

    static Stream<Long> seeds() {
        return new Random(5).longs(400).boxed();
    }

    private static List<String> commandLine(long seed) {
        Random r = new Random(seed);
        List<String> argv = new ArrayList<>(List.of("logs"));
        int n = r.nextInt(7);
        for (int i = 0; i < n; i++) {
            argv.add(WORDS[r.nextInt(WORDS.length)]);
        }
        return argv;
    }

    @org.junit.jupiter.api.Test
    void manyOfTheRandomLinesTakeTheFastPath() {
        // so that the comparison below is not won by sending everything to picocli
        long fast = seeds().filter(seed -> LogsCommand.parseFast(commandLine(seed).toArray(String[]::new)) != null).count();
        assertThat(fast).isGreaterThan(60);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theFastPathReadsWhatPicocliReads(long seed) {
        List<String> argv = commandLine(seed);
        String[] args = argv.toArray(String[]::new);
        LogsCommand fast = LogsCommand.parseFast(args);
        CommandLine cl = Main.commandLine(CommandLine.defaultFactory(), args);
        LogsCommand slow;
        try {
            CommandLine.ParseResult parsed = cl.parseArgs(args);
            if (parsed.subcommand() == null || parsed.subcommand().isUsageHelpRequested()) {
                slow = null;
            } else {
                slow = (LogsCommand) parsed.subcommand().commandSpec().userObject();
            }
        } catch (CommandLine.ParameterException e) {
            assertThat(fast).as("picocli refuses %s (%s)", argv, e.getMessage()).isNull();
            return;
        }
        if (fast == null) {
            return; // left to picocli: always allowed
        }
        assertThat(slow).as("%s", argv).isNotNull();
        assertThat(describe(fast)).as("%s", argv).isEqualTo(describe(slow));
    }

    @ParameterizedTest
    @MethodSource("plainLines")
    void plainCommandLinesTakeTheFastPath(List<String> argv) {
        assertThat(LogsCommand.parseFast(argv.toArray(String[]::new))).as("%s", argv).isNotNull();
    }

    static Stream<List<String>> plainLines() {
        return Stream.of(List.of("logs"), List.of("logs", "/var/log/auth.log"),
                List.of("logs", "a.log", "--format", "json", "--fail-on", "none"),
                List.of("logs", "--format=json", "a.log", "b.log.1", "--emit", "nft", "--port", "2222"),
                List.of("logs", "--root", "/srv/img", "--maxretry", "3", "--findtime", "1h", "--timezone", "UTC"),
                List.of("logs", "--journal", "j.json", "--output", "r.txt", "--no-color", "--verbose"));
    }

    private static String describe(LogsCommand c) {
        return String.join("|", String.valueOf(c.files), String.valueOf(c.journal), String.valueOf(c.root),
                String.valueOf(c.maxRetry), c.findTime, String.valueOf(c.timezone), String.valueOf(c.emit),
                String.valueOf(c.port), c.format, String.valueOf(c.output), c.failOn, String.valueOf(c.noColor),
                String.valueOf(c.verbose));
    }
}
