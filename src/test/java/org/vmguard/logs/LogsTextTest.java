package org.vmguard.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The text report formats numbers, padding and times by hand (String.format and
 * DateTimeFormatter load locale data at their first use, ~20 ms of a run): the helpers against
 * the JDK's own formatting on seeded random input.
 */
class LogsTextTest {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @Test
    void numbersAsFormatWritesThem() {
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 20_000; i++) {
            long v = switch (i % 4) {
                case 0 -> r.nextLong(0, 10_000);
                case 1 -> r.nextLong(0, 100_000_000_000L);
                case 2 -> r.nextLong();
                default -> -r.nextLong(0, 10_000_000);
            };
            assertThat(LogsText.grouped(v)).isEqualTo(String.format(Locale.ROOT, "%,d", v));
            int w = r.nextInt(1, 12);
            assertThat(LogsText.right(LogsText.grouped(v), w)).isEqualTo(String.format(Locale.ROOT, "%," + w + "d", v));
            assertThat(LogsText.right(Long.toString(v), w)).isEqualTo(String.format(Locale.ROOT, "%" + w + "d", v));
        }
        assertThat(LogsText.grouped(Long.MIN_VALUE)).isEqualTo(String.format(Locale.ROOT, "%,d", Long.MIN_VALUE));
        assertThat(LogsText.left("address", 39)).isEqualTo(String.format(Locale.ROOT, "%-39s", "address"));
        assertThat(LogsText.left("a-very-long-text-beyond-the-width", 8)).isEqualTo(String.format("%-8s", "a-very-long-text-beyond-the-width"));
    }

    @Test
    void minutesAsTheFormatterWritesThem() {
        SplittableRandom r = new SplittableRandom(23);
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        long min = Instant.parse("-0200-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(i % 2 == 0 ? r.nextLong(0, 4_102_444_800L) : r.nextLong(min, max + 400_000_000L));
            assertThat(LogsText.minute(t)).as("%s", t).isEqualTo(MINUTE.format(t));
        }
    }

    @Test
    void controlCharactersAsTheExpressionReplacedThem() {
        String all = "a\u0000b\u001fc\u007fde\té\n";
        assertThat(LogsText.cut(all, 80)).isEqualTo(all.replaceAll("\\p{Cntrl}", "?"));
        assertThat(LogsText.cut("plain", 80)).isEqualTo("plain");
        assertThat(LogsText.cut("abcdef", 4)).isEqualTo("abc…");
    }

    @Test
    void c1ControlsAndBidiOverridesInAnAttackersUserNameCannotReachTheTerminal() {
        // U+009B is a one-character CSI for terminals that honour C1; U+202E turns the rest of the line around
        assertThat(LogsText.cut("adm\u202enimda", 80)).isEqualTo("adm?nimda");
        assertThat(LogsText.cut("x\u009b2Jy\u0085", 80)).isEqualTo("x?2Jy?");
        assertThat(LogsText.cut("a\u2066b\u200fc", 80)).isEqualTo("a?b?c");
        assertThat(LogsText.cut("jörg 名前", 80)).isEqualTo("jörg 名前");
    }
}
