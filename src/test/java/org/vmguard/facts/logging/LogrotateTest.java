package org.vmguard.facts.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.vmguard.facts.ParseError;

/** The logrotate reader's finer points (each also checked against logrotate -d in LogrotateOracleTest). */
class LogrotateTest {

    static Logrotate parse(String main, Map<String, String> files) {
        TreeMap<String, String> all = new TreeMap<>(files);
        return Logrotate.parse("/etc/logrotate.conf", main, new Logrotate.Reader() {
            @Override
            public Optional<String> read(String path) {
                return Optional.ofNullable(all.get(path));
            }

            @Override
            public boolean isDirectory(String path) {
                return all.keySet().stream().anyMatch(k -> k.startsWith(path + "/"));
            }

            @Override
            public List<String> list(String dir) {
                return all.keySet().stream().filter(k -> k.startsWith(dir + "/"))
                        .map(k -> k.substring(dir.length() + 1).split("/")[0]).distinct().toList();
            }
        });
    }

    static List<String> patterns(Logrotate l) {
        return l.entries().stream().map(Logrotate.Entry::pattern).toList();
    }

    @Test
    void sizeReplacesTheIntervalAndAnIntervalReplacesSize() {
        Logrotate l = parse("/var/log/a.log {\n size 1M\n daily\n}\n/var/log/b.log {\n daily\n size 1M\n}\n", Map.of());
        assertThat(l.entries()).extracting(e -> e.settings().period()).containsExactly("daily", "");
        assertThat(l.entries().get(1).settings().periodFrom().where()).isEqualTo("/etc/logrotate.conf:7");
    }

    @Test
    void readsDotFilesAndSkipsTabooNamesWhichTabooextChanges() {
        Map<String, String> files = Map.of("/etc/logrotate.d/.hidden", "/var/log/h.log {\n}\n",
                "/etc/logrotate.d/x.bak", "/var/log/x.log {\n}\n", "/etc/logrotate.d/y.rhn-cfg-tmp-1", "/var/log/y.log {\n}\n",
                "/etc/logrotate.d/z.off", "/var/log/z.log {\n}\n");
        assertThat(patterns(parse("include /etc/logrotate.d\n", files))).containsExactly("/var/log/h.log", "/var/log/z.log");
        assertThat(patterns(parse("tabooext + .off\ninclude /etc/logrotate.d\n", files))).containsExactly("/var/log/h.log");
        assertThat(patterns(parse("tabooext .off\ninclude /etc/logrotate.d\n", files)))
                .containsExactly("/var/log/h.log", "/var/log/x.log", "/var/log/y.log");
        assertThat(patterns(parse("taboopat + .h*\ninclude /etc/logrotate.d\n", files))).containsExactly("/var/log/z.log");
    }

    @Test
    void refusesWhatMakesLogrotateSkipABlock() {
        for (var bad : Map.of("/var/log/a.log {\n rotate 5 # five\n}\n", 2, "/var/log/a.log {\n maxage 5 x\n}\n", 2,
                "/var/log/a.log {\n tabooext + .bak\n}\n", 2).entrySet()) {
            assertThatThrownBy(() -> parse(bad.getKey(), Map.of())).isInstanceOf(ParseError.class)
                    .satisfies(e -> assertThat(((ParseError) e).line()).isEqualTo(bad.getValue()));
        }
    }
}
