package org.vmguard.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vmguard.core.Evidence;
import org.vmguard.core.Severity;
import org.vmguard.facts.authlog.AuthLogAnalysis;
import org.vmguard.facts.authlog.Thresholds;

/** The hand-written JSON pieces against the JDK and Jackson, over seeded random input. */
class LogsJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void timesAreWrittenAsInstantToStringWritesThem(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        long[] edges = {0, 59, 86_399, 86_400, 951_782_400L /* 2000-02-29 */, 4_107_542_399L /* 2100-02-28T23:59:59 */,
            253_402_300_799L, 253_402_300_800L, -1, -86_401};
        for (long secs : edges) {
            check(Instant.ofEpochSecond(secs));
        }
        for (int i = 0; i < 20_000; i++) {
            long secs = r.nextLong(-10_000_000_000L, 300_000_000_000L);
            check(Instant.ofEpochSecond(secs, r.nextInt(4) == 0 ? r.nextInt(1_000_000_000) : 0));
        }
    }

    private static void check(Instant t) throws Exception {
        StringBuilder sb = new StringBuilder();
        LogsJson.time(sb, t);
        assertThat(sb.toString()).isEqualTo("\"" + t + "\"");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void stringsRoundTripThroughAJsonParser(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        String alphabet = "abc XYZ09\"\\\n\r\t\u0001\u001f\u007f\u00e9\u20ac/";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = r.nextInt(12);
            for (int k = 0; k < n; k++) {
                int pick = r.nextInt(alphabet.length() + 2);
                if (pick < alphabet.length()) {
                    s.append(alphabet.charAt(pick));
                } else {
                    s.appendCodePoint(0x1F600 + r.nextInt(50)); // a surrogate pair
                }
            }
            StringBuilder out = new StringBuilder();
            LogsJson.str(out, s.toString());
            assertThat(JSON.readValue(out.toString(), String.class)).isEqualTo(s.toString());
            assertThat(out.chars().noneMatch(c -> c < 0x20)).as("no raw control character in %s", out).isTrue();
            assertThat(out.chars().allMatch(c -> c < 0x7f)).as("ASCII only: %s", out).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1999, 2000, 2001, 7777})
    void aReportOfAnySizeHoldsEveryFindingInOrder(int count) throws Exception {
        // from LogsJson.PARALLEL_FINDINGS on, two threads write the findings
        List<AuthLogAnalysis.Finding> findings = new ArrayList<>();
        List<AuthLogAnalysis.Source> sources = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            findings.add(new AuthLogAnalysis.Finding("log.bruteforce",
                    Severity.MEDIUM, "192.0.2." + (i % 250), null, Instant.ofEpochSecond(1_700_000_000L + i),
                    "finding \"" + i + "\"", 1, List.of(Evidence.at("/var/log/auth.log", i + 1,
                            "line " + i + " caf\u00e9"))));
            sources.add(new AuthLogAnalysis.Source("198.51.100." + (i % 250), i, 0, 0,
                    List.of("u" + i), null, null, false));
        }
        AuthLogAnalysis a = new AuthLogAnalysis(List.of(),
                null, Thresholds.FAIL2BAN_DEFAULTS, sources, List.of(),
                List.of(), List.of(), findings);
        String json = LogsJson.render(a);
        JsonNode doc = JSON.readTree(json);
        assertThat(doc.path("findings").size()).isEqualTo(count);
        assertThat(doc.path("sources").size()).isEqualTo(count);
        for (int i = 0; i < count; i++) {
            assertThat(doc.path("findings").get(i).path("message").asText()).isEqualTo("finding \"" + i + "\"");
            assertThat(doc.path("findings").get(i).path("evidence").get(0).path("text").asText()).isEqualTo("line " + i + " caf\u00e9");
        }
        assertThat(json.chars().allMatch(c -> c < 0x7f)).isTrue();
    }
}
