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

class RpmVersionTest {

    /** The examples of rpm's own rpmvercmp test suite (tests/rpmvercmp.at). */
    @ParameterizedTest(name = "rpmvercmp({0}, {1}) = {2}")
    @CsvSource({
        "1.0, 1.0, 0", "1.0, 2.0, -1", "2.0, 1.0, 1",
        "2.0.1, 2.0.1, 0", "2.0, 2.0.1, -1", "2.0.1, 2.0, 1",
        "2.0.1a, 2.0.1a, 0", "2.0.1a, 2.0.1, 1", "2.0.1, 2.0.1a, -1",
        "5.5p1, 5.5p1, 0", "5.5p1, 5.5p2, -1", "5.5p2, 5.5p1, 1",
        "5.5p10, 5.5p10, 0", "5.5p1, 5.5p10, -1", "5.5p10, 5.5p1, 1",
        "10xyz, 10.1xyz, -1", "10.1xyz, 10xyz, 1",
        "xyz10, xyz10, 0", "xyz10, xyz10.1, -1", "xyz10.1, xyz10, 1",
        "xyz.4, xyz.4, 0", "xyz.4, 8, -1", "8, xyz.4, 1", "xyz.4, 2, -1", "2, xyz.4, 1",
        "5.5p2, 5.6p1, -1", "5.6p1, 5.5p2, 1",
        "5.6p1, 6.5p1, -1", "6.5p1, 5.6p1, 1",
        "6.0.rc1, 6.0, 1", "6.0, 6.0.rc1, -1",
        "10b2, 10a1, 1", "10a2, 10b2, -1",
        "1.0aa, 1.0aa, 0", "1.0a, 1.0aa, -1", "1.0aa, 1.0a, 1",
        "10.0001, 10.0001, 0", "10.0001, 10.1, 0", "10.1, 10.0001, 0",
        "10.0001, 10.0039, -1", "10.0039, 10.0001, 1",
        "4.999.9, 5.0, -1", "5.0, 4.999.9, 1",
        "20101121, 20101121, 0", "20101121, 20101122, -1", "20101122, 20101121, 1",
        "2_0, 2_0, 0", "2.0, 2_0, 0", "2_0, 2.0, 0",
        "a, a, 0", "a+, a+, 0", "a+, a_, 0", "a_, a+, 0", "+a, +a, 0", "+a, _a, 0", "_a, +a, 0",
        "+_, +_, 0", "_+, +_, 0", "_+, _+, 0", "+, _, 0", "_, +, 0",
        "1.0~rc1, 1.0~rc1, 0", "1.0~rc1, 1.0, -1", "1.0, 1.0~rc1, 1",
        "1.0~rc1, 1.0~rc2, -1", "1.0~rc2, 1.0~rc1, 1",
        "1.0~rc1~git123, 1.0~rc1~git123, 0", "1.0~rc1~git123, 1.0~rc1, -1", "1.0~rc1, 1.0~rc1~git123, 1",
        "1.0^, 1.0^, 0", "1.0^, 1.0, 1", "1.0, 1.0^, -1",
        "1.0^git1, 1.0^git1, 0", "1.0^git1, 1.0, 1", "1.0, 1.0^git1, -1",
        "1.0^git1, 1.0^git2, -1", "1.0^git2, 1.0^git1, 1",
        "1.0^git1, 1.01, -1", "1.01, 1.0^git1, 1",
        "1.0^20160101, 1.0^20160101, 0", "1.0^20160101, 1.0.1, -1", "1.0.1, 1.0^20160101, 1",
        "1.0^20160101^git1, 1.0^20160101^git1, 0", "1.0^20160102, 1.0^20160101^git1, 1",
        "1.0^20160101^git1, 1.0^20160102, -1",
        "1.0~rc1^git1, 1.0~rc1^git1, 0", "1.0~rc1^git1, 1.0~rc1, 1", "1.0~rc1, 1.0~rc1^git1, -1",
        "1.0^git1~pre, 1.0^git1~pre, 0", "1.0^git1, 1.0^git1~pre, 1", "1.0^git1~pre, 1.0^git1, -1",
    })
    void ordersTheExamplesOfRpmsTestSuite(String a, String b, int expected) {
        assertThat(RpmVersion.rpmvercmp(a, b)).isEqualTo(expected);
    }

    @Test
    void comparesEpochFirst() {
        assertThat(RpmVersion.compareEvr(1, "1.0", "1.el9", 0, "9.9", "9.el9")).isEqualTo(1);
        assertThat(RpmVersion.compareEvr(0, "3.0.7", "27.el9", 0, "3.0.7", "28.el9")).isEqualTo(-1);
        assertThat(RpmVersion.rpmvercmp("5.14.0-427.13.1.el9_4.x86_64", "5.14.0-503.11.1.el9_5.x86_64")).isEqualTo(-1);
    }

    /** Seeded random pairs, judged by the real rpm's own vercmp (through its Lua interpreter). */
    @Test
    void agreesWithRpmOnRandomPairs() throws IOException, InterruptedException {
        Tools.require("/usr/bin/rpm");
        Random rnd = new Random(4242);
        List<String[]> pairs = new ArrayList<>();
        for (int n = 0; n < 400; n++) {
            String a = random(rnd);
            pairs.add(new String[] {a, rnd.nextInt(3) == 0 ? a + random(rnd).substring(0, 1) : random(rnd)});
        }
        StringBuilder lua = new StringBuilder("%{lua:");
        for (String[] p : pairs) {
            lua.append("print(rpm.vercmp('").append(p[0]).append("','").append(p[1]).append("')..';')\n");
        }
        lua.append('}');
        Process proc = new ProcessBuilder("rpm", "--eval", lua.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor()).as(out).isZero();
        String[] answers = out.strip().split(";");
        assertThat(answers).hasSize(pairs.size());
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            int theirs = Integer.signum(Integer.parseInt(answers[i].strip()));
            int ours = RpmVersion.rpmvercmp(pairs.get(i)[0], pairs.get(i)[1]);
            if (ours != theirs) {
                disagreements.add(pairs.get(i)[0] + " vs " + pairs.get(i)[1] + ": ours " + ours + ", rpm " + theirs);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static String random(Random rnd) {
        String alphabet = "0123456789..__~^abzAZ+";
        StringBuilder b = new StringBuilder();
        int len = 1 + rnd.nextInt(8);
        for (int i = 0; i < len; i++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
