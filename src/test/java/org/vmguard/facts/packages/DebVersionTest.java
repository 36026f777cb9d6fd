package org.vmguard.facts.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vmguard.testing.Tools;

class DebVersionTest {

    /** Examples of deb-version(7) and Debian Policy 5.6.12, and dpkg's own test suite. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        "1.0~rc1 < 1.0",
        "1.0~~ < 1.0~~a",
        "1.0~~a < 1.0~",
        "1.0~ < 1.0",
        "1.0 < 1.0a",
        "1.0 < 1.0.1",
        "1:0.9 > 2.0",
        "0:1.0 = 1.0",
        "1.0-1 < 1.0-2",
        "1.0-0 = 1.0",
        "1.0-10 > 1.0-9",
        "1.0 = 1.00",
        "a < b",
        "1.2.3 < 1.2.3.0",
        "2.30-1 > 2.3-1",
        "1.0a < 1.0+",
        "1.0+ < 1.0.",
        "3.0.11-1~deb12u1 < 3.0.11-1~deb12u2",
        "3.0.11-1~deb12u2 < 3.0.11-1",
        "6.1.0-27-amd64 < 6.1.0-28-amd64",
        "6.1.0-9-amd64 < 6.1.0-10-amd64",
    })
    void ordersVersionsAsDebVersionDocuments(String a, String op, String b) {
        int expected = switch (op) {
            case "<" -> -1;
            case ">" -> 1;
            default -> 0;
        };
        assertThat(DebVersion.compare(a, b)).isEqualTo(expected);
        assertThat(DebVersion.compare(b, a)).isEqualTo(-expected);
    }

    @Test
    void rejectsWhatDpkgRejectsAsAnError() {
        assertThat(DebVersion.parse("")).isEmpty();
        assertThat(DebVersion.parse("1.0 2")).isEmpty();
        assertThat(DebVersion.parse("a:1.0")).isEmpty();
        assertThat(DebVersion.parse("1:")).isEmpty();
        assertThat(DebVersion.parse("1.0-")).isEmpty();
        assertThat(DebVersion.parse("-1")).isEmpty();
        assertThat(DebVersion.parse("2:1.0-3")).hasValue(new DebVersion(2, "1.0", "3"));
        assertThat(DebVersion.parse("1.0-2-3")).hasValue(new DebVersion(0, "1.0-2", "3"));
    }

    /** A few hundred seeded random pairs, judged by the real dpkg. */
    @Test
    void agreesWithDpkgCompareVersionsOnRandomPairs() throws IOException, InterruptedException {
        Tools.require("/usr/bin/dpkg");
        Random rnd = new Random(20261123);
        List<String> disagreements = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            String a = randomVersion(rnd);
            String b = rnd.nextInt(4) == 0 ? mutate(a, rnd) : randomVersion(rnd);
            int ours = DebVersion.compare(a, b);
            int theirs = dpkg(a, b);
            if (ours != theirs) {
                disagreements.add(a + " vs " + b + ": ours " + ours + ", dpkg " + theirs);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    static String randomVersion(Random rnd) {
        StringBuilder b = new StringBuilder();
        if (rnd.nextInt(5) == 0) {
            b.append(rnd.nextInt(3)).append(':');
        }
        b.append(rnd.nextInt(12));
        b.append(part(rnd, ".+~abz01", 0));
        if (rnd.nextBoolean()) {
            b.append('-').append(part(rnd, "0123456789.+~abu", 1));
        }
        return b.toString();
    }

    private static String part(Random rnd, String alphabet, int min) {
        StringBuilder b = new StringBuilder();
        int len = min + rnd.nextInt(7);
        for (int i = 0; i < len; i++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static String mutate(String v, Random rnd) {
        char[] c = v.toCharArray();
        int i = rnd.nextInt(c.length);
        if (Character.isDigit(c[i])) {
            c[i] = (char) ('0' + rnd.nextInt(10));
        } else if (c[i] != ':' && c[i] != '-') {
            c[i] = "~+.az".charAt(rnd.nextInt(5));
        }
        return new String(c);
    }

    static int dpkg(String a, String b) throws IOException, InterruptedException {
        if (run(a, "lt", b)) {
            return -1;
        }
        return run(a, "eq", b) ? 0 : 1;
    }

    private static boolean run(String a, String op, String b) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dpkg", "--compare-versions", a, op, b).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc > 1) {
            throw new AssertionError("dpkg --compare-versions " + a + " " + op + " " + b + ": " + out);
        }
        return rc == 0;
    }
}
