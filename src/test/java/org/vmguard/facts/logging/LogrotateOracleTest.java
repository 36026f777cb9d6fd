package org.vmguard.facts.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmguard.facts.ParseError;
import org.vmguard.testing.Netns;
import org.vmguard.testing.Tools;

/**
 * The logrotate reader against `logrotate -d`, which prints each block's patterns, interval and
 * rotation count as logrotate computed them: they must equal ours for every pattern.
 */
class LogrotateOracleTest {

    @TempDir
    static Path tmp;

    @BeforeAll
    static void tool() {
        Tools.require("/usr/sbin/logrotate");
    }

    static Stream<Arguments> configs() throws IOException {
        String main = Files.readString(Path.of("src/test/resources/packages/logrotate/etc/logrotate.conf"))
                .replace("include /etc/logrotate.d", "include DIR/d");
        String rsyslog = Files.readString(Path.of("src/test/resources/packages/rsyslog/etc/logrotate.d/rsyslog"));
        String btmp = Files.readString(Path.of("src/test/resources/packages/logrotate/etc/logrotate.d/btmp"));
        String wtmp = Files.readString(Path.of("src/test/resources/packages/logrotate/etc/logrotate.d/wtmp"));
        return Stream.of(
                Arguments.of("debian defaults", main, Map.of("d/rsyslog", rsyslog, "d/btmp", btmp, "d/wtmp", wtmp)),
                Arguments.of("globals after an include do not reach back", "rotate 2\ninclude DIR/d\nrotate 9\nmonthly\n/var/log/late.log {\n}\n",
                        Map.of("d/a", "/var/log/a.log {\n daily\n}\n")),
                Arguments.of("a global set inside an included file reaches later files", "weekly\ninclude DIR/d\n",
                        Map.of("d/a", "rotate 7\n/var/log/a.log {\n}\n", "d/b", "/var/log/b.log {\n}\n")),
                Arguments.of("a block overrides rotate and interval", "weekly\nrotate 4\n/var/log/auth.log {\n rotate 13\n monthly\n}\n",
                        Map.of()),
                Arguments.of("several patterns, quoted names", "rotate 3\n/var/log/one.log \"/var/log/with space.log\" /var/log/two.log {\n daily\n}\n",
                        Map.of()),
                Arguments.of("scripts with braces are read over", "/var/log/s.log {\n rotate 5\n postrotate\n  if true; then { echo }; fi\n }\n endscript\n weekly\n}\n",
                        Map.of()),
                Arguments.of("taboo extensions in an include directory", "include DIR/d\n",
                        Map.of("d/good", "/var/log/good.log {\n rotate 2\n}\n", "d/old.dpkg-old", "/var/log/good.log {\n rotate 8\n}\n",
                                "d/backup~", "/var/log/bak.log {\n}\n")),
                Arguments.of("globs", "/var/log/app/*.log /var/log/app2/*/*.log {\n yearly\n rotate 2\n}\n", Map.of()),
                Arguments.of("hourly, and size only", "/var/log/h.log {\n hourly\n rotate 48\n}\n/var/log/s.log {\n size 10M\n rotate 3\n}\n", Map.of()),
                Arguments.of("brace on its own line", "/var/log/x.log\n/var/log/y.log\n{\n rotate 6\n weekly\n}\n", Map.of()),
                Arguments.of("include of a single file, comments", "# top\nmonthly\ninclude DIR/one.conf\n",
                        Map.of("one.conf", "  # indented comment\n/var/log/one.log {\n    rotate 1 \n}\n")),
                Arguments.of("the last of size and an interval wins", "/var/log/a.log {\n size 1M\n daily\n rotate 2\n}\n"
                        + "/var/log/b.log {\n daily\n size 1M\n rotate 2\n}\n", Map.of()),
                Arguments.of("a global size holds until a block names an interval", "size 1M\nrotate 4\n/var/log/a.log {\n weekly\n}\n"
                        + "/var/log/b.log {\n}\n", Map.of()),
                Arguments.of("weekly with a weekday, a count with a leading zero, minsize and maxsize keep the interval",
                        "/var/log/a.log {\n weekly 3\n rotate 07\n minsize 1M\n maxsize 2M\n}\n", Map.of()),
                Arguments.of("options are case-sensitive: Rotate and Daily are ignored", "/var/log/a.log {\n Rotate 5\n Daily\n rotate 2\n}\n",
                        Map.of()),
                Arguments.of("tabs, and no interval at all is logrotate's 1 MB default", "/var/log/a.log {\n\trotate\t4\n}\n", Map.of()),
                Arguments.of("tabooext + extends the taboo list for later includes; dot files are read", "include DIR/d\n"
                        + "tabooext + .off, .x\ninclude DIR/e\n", Map.of("d/good", "/var/log/good.log {\n rotate 2\n}\n",
                                "d/x.bak", "/var/log/x.log {\n}\n", "d/.hidden", "/var/log/h.log {\n rotate 1\n}\n",
                                "d/y.off", "/var/log/y.log {\n}\n", "e/z.off", "/var/log/z.log {\n}\n",
                                "e/w.ucf-dist", "/var/log/w.log {\n}\n", "e/v.BAK", "/var/log/v.log {\n}\n")),
                Arguments.of("tabooext without + replaces the list", "tabooext .off\ninclude DIR/d\n",
                        Map.of("d/a.off", "/var/log/a.log {\n}\n", "d/b.dpkg-old", "/var/log/b.log {\n rotate 3\n}\n",
                                "d/c.rhn-cfg-tmp-1", "/var/log/c.log {\n}\n")),
                Arguments.of("refused: tabooext inside a block", "/var/log/a.log {\n tabooext + .bak\n}\n", Map.of()),
                Arguments.of("refused: a maximum age with more after it", "/var/log/a.log {\n maxage 5 x\n rotate 2\n}\n", Map.of()),
                // logrotate reports these and skips what they touch: we refuse them, naming the line
                Arguments.of("refused: a comment after a count", "/var/log/a.log {\n rotate 5 # five\n}\n/var/log/b.log {\n}\n",
                        Map.of()),
                Arguments.of("refused: the same file in two blocks", "/var/log/a.log {\n rotate 5\n}\n/var/log/a.log {\n rotate 7\n}\n",
                        Map.of()));
    }

    /** Errors after which logrotate skips a block (an unknown option is only ignored, as we ignore it). */
    static final Pattern REFUSED = Pattern.compile("error: (\\S+):(\\d+) (bad rotation count|duplicate log entry|bad maximum age|\\S+ may not appear inside)");

    record Effective(String period, int rotate) {
    }

    static final Pattern BLOCK = Pattern.compile(
            "rotating pattern: (.*?)\\s+(hourly|daily|weekly|monthly|yearly|\\d+ bytes|after \\d+ days?)\\s+\\((?:(\\d+) rotations|no old logs will be kept)\\)",
            Pattern.DOTALL);

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void agreesWithLogrotateDebug(String name, String main, Map<String, String> extra) throws IOException {
        Path dir = tmp.resolve("case-" + Math.abs(name.hashCode()));
        Files.createDirectories(dir.resolve("d"));
        for (Map.Entry<String, String> e : extra.entrySet()) {
            Files.createDirectories(dir.resolve(e.getKey()).getParent());
            Files.writeString(dir.resolve(e.getKey()), e.getValue().replace("DIR", dir.toString()));
        }
        Path conf = dir.resolve("logrotate.conf");
        Files.writeString(conf, main.replace("DIR", dir.toString()));
        Netns.Result r = Netns.run(List.of("logrotate", "-d", "-s", dir.resolve("state").toString(), conf.toString()));
        String out = r.out() + r.err();
        Matcher refused = REFUSED.matcher(out);
        if (refused.find()) {
            // logrotate found an error that makes it skip a block: we must refuse the file, naming that line
            String file = refused.group(1);
            int line = Integer.parseInt(refused.group(2));
            assertThatThrownBy(() -> Logrotate.parse(conf.toString(), Files.readString(conf), reader()))
                    .as("logrotate -d reported an error:%n%s", out).isInstanceOf(ParseError.class)
                    .satisfies(e -> assertThat(((ParseError) e).path()).isEqualTo(file))
                    .satisfies(e -> assertThat(((ParseError) e).line()).isEqualTo(line));
            return;
        }
        Map<String, Effective> theirs = new TreeMap<>();
        Matcher m = BLOCK.matcher(out);
        while (m.find()) {
            // logrotate prints daily as "after 1 days"; a size-only block as "N bytes"; rotate 0 as "no old logs"
            String period = m.group(2).matches("[a-z]+ly") ? m.group(2) : m.group(2).equals("after 1 days") ? "daily" : "";
            for (String p : patterns(m.group(1))) {
                theirs.put(p, new Effective(period, m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
            }
        }
        assertThat(theirs).as("logrotate -d printed blocks:%n%s", out).isNotEmpty();

        Logrotate ours = Logrotate.parse(conf.toString(), Files.readString(conf), reader());
        Map<String, Effective> mine = new TreeMap<>();
        for (Logrotate.Entry e : ours.entries()) {
            mine.put(e.pattern(), new Effective(e.settings().period(), e.settings().rotate()));
        }
        assertThat(mine).isEqualTo(theirs);
    }

    /** logrotate prints a block's patterns separated by spaces or newlines; a quoted name keeps its space. */
    static List<String> patterns(String s) {
        List<String> out = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(s);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }

    static Logrotate.Reader reader() {
        return new Logrotate.Reader() {
            @Override
            public Optional<String> read(String path) {
                try {
                    Path p = Path.of(path);
                    return Files.isRegularFile(p) ? Optional.of(Files.readString(p)) : Optional.empty();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public boolean isDirectory(String path) {
                return Files.isDirectory(Path.of(path));
            }

            @Override
            public List<String> list(String dir) {
                try (var s = Files.list(Path.of(dir))) {
                    return s.map(x -> x.getFileName().toString()).sorted().toList();
                } catch (IOException e) {
                    return List.of();
                }
            }
        };
    }
}
