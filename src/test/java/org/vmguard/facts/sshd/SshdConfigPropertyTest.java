package org.vmguard.facts.sshd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmguard.facts.ParseError;

/**
 * Seeded random and mutated input: the reader and evaluator either succeed or throw our
 * ParseError naming the file and a line, never anything else; hostile trees end quickly.
 */
class SshdConfigPropertyTest {

    static final String MAIN = "/etc/ssh/sshd_config";
    static final char[] SPECIAL = {'"', '\'', '\\', '#', '=', '!', ',', '*', '?', '[', ']', '\0', '\n', ' ', '\t',
        '\r', '/', ':', '%', 'é', '\f'};

    static Stream<Integer> seeds() {
        return IntStream.range(0, 40).boxed();
    }

    /** 40 seeds × 100 cases = 4000 inputs: generated configurations, mutated, plus raw junk. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void onlyOurParseErrorEverEscapes(int seed, @TempDir Path dir) throws Exception {
        Random r = new Random(7_000L + seed);
        ConfigGenerator g = new ConfigGenerator(r, dir);
        Path main = g.write();
        MemorySource base = new MemorySource();
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                base.put(f.toString(), Files.readString(f));
            }
        }
        for (int i = 0; i < 100; i++) {
            MemorySource src = new MemorySource();
            base.files.forEach(src::put);
            String text = i % 10 == 9 ? junk(r) : mutate(r, base.files.get(main.toString()));
            src.put(main.toString(), text);
            if (r.nextInt(4) == 0) {
                String inc = dir.resolve("inc/a.conf").toString();
                src.put(inc, mutate(r, src.files.getOrDefault(inc, "")));
            }
            exercise(src, main.toString(), text);
        }
    }

    private static void exercise(MemorySource src, String main, String text) {
        try {
            SshdConfig c = SshdConfig.parse(src, main, text, OpensshVersion.parse("OpenSSH_9.2", "test"));
            for (String o : List.of("passwordauthentication", "port", "ciphers", "allowusers", "permitrootlogin")) {
                c.possible(o, Connection.ANY);
                c.effective(o, new Connection("root", List.of("root"), "h.example.com", "10.1.2.3", "::1", 22, "rd1"));
            }
        } catch (ParseError e) {
            assertThat(e.path()).as(e.getMessage()).isNotBlank();
            assertThat(e.line()).as(e.getMessage()).isPositive();
            assertThat(e.getMessage()).startsWith(e.path() + ":" + e.line() + ": ");
        }
    }

    static String mutate(Random r, String text) {
        StringBuilder b = new StringBuilder(text);
        int n = 1 + r.nextInt(6);
        for (int k = 0; k < n; k++) {
            int at = b.isEmpty() ? 0 : r.nextInt(b.length() + 1);
            switch (r.nextInt(5)) {
                case 0 -> b.insert(at, SPECIAL[r.nextInt(SPECIAL.length)]);
                case 1 -> {
                    if (at < b.length()) {
                        b.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < b.length()) {
                        b.setCharAt(at, SPECIAL[r.nextInt(SPECIAL.length)]);
                    }
                }
                case 3 -> {
                    int end = Math.min(b.length(), at + r.nextInt(40));
                    b.insert(at, b.substring(at, end)); // duplicate a stretch (lines, keywords)
                }
                default -> b.insert(at, (char) r.nextInt(0x80));
            }
        }
        return b.toString();
    }

    static String junk(Random r) {
        byte[] bytes = new byte[r.nextInt(4000)];
        r.nextBytes(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void anIncludeOfItselfEndsWithAClearError() {
        MemorySource src = new MemorySource().put(MAIN, "Port 22\nInclude /etc/ssh/sshd_config\n");
        assertThatThrownBy(() -> src.parse(MAIN)).isInstanceOf(ParseError.class)
                .hasMessage("/etc/ssh/sshd_config:2: Include nested more than 16 levels deep (an Include loop?): "
                        + "sshd refuses this configuration");
    }

    @Test
    void anIncludeLoopThroughTwoFilesNamesTheIncludeLine() {
        MemorySource src = new MemorySource().put(MAIN, "Include a.conf\n").put("/etc/ssh/a.conf", "\nInclude b.conf\n")
                .put("/etc/ssh/b.conf", "Include /etc/ssh/a.conf\n");
        assertThatThrownBy(() -> src.parse(MAIN)).isInstanceOf(ParseError.class)
                .hasMessageContaining("Include nested more than 16 levels deep");
    }

    @Test
    void sixteenLevelsOfIncludesAreFine() {
        MemorySource src = new MemorySource().put(MAIN, "Include /etc/ssh/l1\n");
        for (int i = 1; i <= 16; i++) {
            src.put("/etc/ssh/l" + i, i == 16 ? "MaxAuthTries 3\n" : "Include /etc/ssh/l" + (i + 1) + "\n");
        }
        assertThat(src.parse(MAIN).global("maxauthtries").from().getFirst().path()).isEqualTo("/etc/ssh/l16");
    }

    @Test
    void aTwoMegabyteLineIsRefusedQuicklyWithAClippedMessage() {
        String big = "x".repeat(2 * 1024 * 1024);
        long start = System.nanoTime();
        assertThatThrownBy(() -> new MemorySource().put(MAIN, "Port 22\nPasswordAuthentication " + big + "\n").parse(MAIN))
                .isInstanceOf(ParseError.class).hasMessageStartingWith("/etc/ssh/sshd_config:2: unsupported option")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
        String manyCriteria = "Match" + " User a*a*a*a*a*a*a*a*b".repeat(100_000) + "\n X11Forwarding yes\n";
        SshdConfig c = new MemorySource().put(MAIN, manyCriteria).parse(MAIN);
        c.effective("x11forwarding", Connection.user("a".repeat(5000), List.of()));
        assertThat(System.nanoTime() - start).as("nanoseconds").isLessThan(20_000_000_000L);
    }

    @Test
    void binaryJunkIsAParseErrorOrNothing() {
        Random r = new Random(99);
        for (int i = 0; i < 200; i++) {
            String j = junk(r);
            exercise(new MemorySource().put(MAIN, j), MAIN, j);
        }
    }
}
