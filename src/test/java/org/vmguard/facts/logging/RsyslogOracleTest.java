package org.vmguard.facts.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.PathGlob;
import org.vmguard.testing.Netns;
import org.vmguard.testing.Tools;

/**
 * The rsyslog reader against rsyslogd itself: every configuration must pass `rsyslogd -N1`, and
 * the forwards we read from it (following its includes) must equal the forwards we read from
 * the single expanded configuration rsyslogd writes with `-o` (so includes are followed as rsyslog
 * does); the expected TLS verdicts are written down per case.
 */
class RsyslogOracleTest {

    @TempDir
    static Path tmp;

    @BeforeAll
    static void tool() {
        Tools.require("/usr/sbin/rsyslogd");
    }

    /** name, main file, extra files (relative to the case directory, "DIR" stands for it), expected "target tls" list. */
    static Stream<Arguments> configs() throws IOException {
        String debian = Files.readString(Path.of("src/test/resources/packages/rsyslog/etc/rsyslog.conf"))
                .replace("/etc/rsyslog.d/", "DIR/rsyslog.d/").replace("$WorkDirectory /var/spool/rsyslog", "");
        return Stream.of(
                Arguments.of("debian default", debian, Map.of(), List.of()),
                Arguments.of("legacy UDP and TCP in an include", debian,
                        Map.of("rsyslog.d/50-remote.conf", "*.* @logs.example.org\nauth.* @@(o)logs.example.org:10514\n"),
                        List.of("logs.example.org:514 false", "logs.example.org:10514 false")),
                Arguments.of("legacy TLS: global driver and action mode", """
                        $DefaultNetstreamDriver gtls
                        $DefaultNetstreamDriverCAFile /etc/ssl/certs/ca-certificates.crt
                        $ActionSendStreamDriverMode 1
                        $ActionSendStreamDriverAuthMode anon
                        *.* @@logs.example.org:6514
                        """, Map.of(), List.of("logs.example.org:6514 true")),
                Arguments.of("RainerScript omfwd with TLS", """
                        global(DefaultNetstreamDriverCAFile="/etc/ssl/certs/ca-certificates.crt")
                        action(type="omfwd" target="logs.example.org" port="6514" protocol="tcp"
                               StreamDriver="gtls" StreamDriverMode="1" StreamDriverAuthMode="anon")
                        """, Map.of(), List.of("logs.example.org:6514 true")),
                Arguments.of("RainerScript omfwd without protocol is UDP", """
                        action(type="omfwd" target="10.0.0.9" port="514")
                        """, Map.of(), List.of("10.0.0.9:514 false")),
                Arguments.of("gtls driver in mode 0 is plain", """
                        global(DefaultNetstreamDriver="gtls" DefaultNetstreamDriverCAFile="/etc/ssl/certs/ca-certificates.crt")
                        action(type="omfwd" target="logs.example.org" port="6514" protocol="tcp")
                        """, Map.of(), List.of("logs.example.org:6514 false")),
                Arguments.of("global driver set after the action still applies", """
                        action(type="omfwd" target="logs.example.org" port="6514" protocol="tcp" StreamDriverMode="1" StreamDriverAuthMode="anon")
                        global(DefaultNetstreamDriver="gtls" DefaultNetstreamDriverCAFile="/etc/ssl/certs/ca-certificates.crt")
                        """, Map.of(), List.of("logs.example.org:6514 true")),
                Arguments.of("ruleset and if-then blocks, comments", """
                        /* forward auth only */
                        ruleset(name="remote") {
                            action(type="omfwd" target="a.example" port="514" protocol="tcp") # plain
                        }
                        if $syslogfacility-text == 'auth' then {
                            call remote
                        }
                        """, Map.of(), List.of("a.example:514 false")),
                Arguments.of("include() with optional mode and a glob", """
                        include(file="DIR/conf.d/*.conf" mode="optional")
                        include(file="DIR/missing.conf" mode="optional")
                        """, Map.of("conf.d/a.conf", "mail.* @@mail-logs.example:514\n",
                        "conf.d/b.conf", "action(type=\"omfwd\" Target=\"b.example\" Protocol=\"TCP\")\n"),
                        List.of("mail-logs.example:514 false", "b.example:514 false")),
                Arguments.of("property filter and & continuation", """
                        :msg, contains, "sshd" @@ids.example:514
                        & stop
                        """, Map.of(), List.of("ids.example:514 false")),
                Arguments.of("$IncludeConfig of a directory", "$IncludeConfig DIR/inc/\n",
                        Map.of("inc/x.conf", "*.* @10.1.1.1:5140\n"), List.of("10.1.1.1:5140 false")),
                Arguments.of("& adds a forward to the previous selector", """
                        auth.* @@a.example:514
                        & @@b.example:10514
                        &	@c.example
                        """, Map.of(), List.of("a.example:514 false", "b.example:10514 false", "c.example:514 false")),
                Arguments.of("IPv6 targets in brackets, with and without a port", """
                        *.* @@[2001:db8::1]:6514
                        *.* @[2001:db8::2]
                        """, Map.of(), List.of("[2001:db8::1]:6514 false", "[2001:db8::2]:514 false")),
                Arguments.of("legacy options, a template after ';', several selectors and a tab", """
                        auth,authpriv.*;kern.none	@@(z9,o)logs.example.org:514;RSYSLOG_SyslogProtocol23Format
                        """, Map.of(), List.of("logs.example.org:514 false")),
                Arguments.of("legacy $Action settings hold for every later action", """
                        $DefaultNetstreamDriverCAFile /etc/ssl/certs/ca-certificates.crt
                        $ActionSendStreamDriver gtls
                        $ActionSendStreamDriverMode 1
                        $ActionSendStreamDriverAuthMode anon
                        *.* @@a.example:6514
                        *.* @@b.example:6514
                        """, Map.of(), List.of("a.example:6514 true", "b.example:6514 true")),
                Arguments.of("parameter names in any case, single quotes, the ossl driver", """
                        action(Type="omfwd" TARGET="x.example" Port="1514" Protocol="tcp" StreamDriver="ossl"
                               StreamDriverMode="1" StreamDriverAuthMode="x509/name" StreamDriverPermittedPeers="x.example")
                        """, Map.of(), List.of("x.example:1514 true")),
                Arguments.of("if-then with a legacy action; a comment after a legacy target", """
                        if $programname == 'sshd' then @@ids.example:514
                        *.* @@x.example:10514 # the collector
                        """, Map.of(), List.of("ids.example:514 false", "x.example:10514 false")),
                Arguments.of("if-then-else blocks, each with its action", """
                        if $programname == 'sshd' then {
                            action(type="omfwd" target="a.example" port="514" protocol="tcp")
                        } else {
                            action(type="omfwd" target="b.example" port="514" protocol="udp")
                        }
                        """, Map.of(), List.of("a.example:514 false", "b.example:514 false")),
                Arguments.of("a /* */ comment over several lines hides actions; '#' inside a quoted value", """
                        /* action(type="omfwd" target="hidden.example" protocol="tcp")
                           *.* @@hidden2.example */
                        action(type="omfwd" name="#fwd" target="c.example" protocol="tcp")  # a comment
                        """, Map.of(), List.of("c.example:514 false")));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("parameter values in single quotes", "action(type='omfwd' target='x.example')\n"),
                Arguments.of("an object never closed", "action(type=\"omfwd\" target=\"x.example\" protocol=\"tcp\"\n*.* /var/log/x.log\n"),
                Arguments.of("include() of a missing file", "include(file=\"DIR/missing.conf\")\n*.* /var/log/x.log\n"),
                Arguments.of("$IncludeConfig of a missing file", "$IncludeConfig DIR/missing.conf\n*.* /var/log/x.log\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWhatRsyslogdRefuses(String name, String main) throws IOException {
        Path dir = tmp.resolve("bad-" + Math.abs(name.hashCode()));
        Files.createDirectories(dir);
        Path conf = dir.resolve("rsyslog.conf");
        String text = main.replace("DIR", dir.toString());
        Files.writeString(conf, text);
        Netns.Result r = Netns.run(List.of("rsyslogd", "-N1", "-f", conf.toString()));
        assertThat(r.code()).as("rsyslogd -N1 refuses it: %s", r.err()).isNotZero();
        assertThatThrownBy(() -> Rsyslog.parse(conf.toString(), text, files())).isInstanceOf(ParseError.class)
                .hasMessageContaining(conf.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void agreesWithRsyslogd(String name, String main, Map<String, String> extra, List<String> expected) throws IOException {
        Path dir = tmp.resolve("case-" + Math.abs(name.hashCode()));
        Files.createDirectories(dir.resolve("rsyslog.d"));
        for (Map.Entry<String, String> e : extra.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue().replace("DIR", dir.toString()));
        }
        Path conf = dir.resolve("rsyslog.conf");
        Files.writeString(conf, main.replace("DIR", dir.toString()));
        Path full = dir.resolve("full.conf");
        Netns.Result r = Netns.run(List.of("rsyslogd", "-N1", "-f", conf.toString(), "-o", full.toString()));
        assertThat(r.code()).as("rsyslogd -N1: %s %s", r.out(), r.err()).isZero();

        Rsyslog.Config ours = Rsyslog.parse(conf.toString(), Files.readString(conf), files());
        // the expanded file already holds what the includes brought in (after their include lines): read those as empty
        Rsyslog.Config expanded = Rsyslog.parse(full.toString(), Files.readString(full),
                Rsyslog.files(p -> Optional.of(""), p -> List.of(p)));
        List<String> got = ours.forwards().stream().map(f -> f.target() + " " + f.tls()).toList();
        assertThat(got).isEqualTo(expected);
        assertThat(expanded.forwards().stream().map(f -> f.target() + " " + f.tls()).toList())
                .as("the same forwards in rsyslogd's expanded configuration").isEqualTo(got);
    }

    static Rsyslog.Files files() {
        return Rsyslog.files(p -> {
            try {
                Path f = Path.of(p);
                return Files.isRegularFile(f) ? Optional.of(Files.readString(f)) : Optional.empty();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, pattern -> {
            if (pattern.endsWith("/")) {
                try (var s = Files.list(Path.of(pattern))) {
                    return s.map(Path::toString).sorted().toList();
                } catch (IOException e) {
                    return List.of();
                }
            }
            if (!PathGlob.hasMagic(pattern)) {
                return List.of(pattern);
            }
            Path d = Path.of(pattern).getParent();
            String g = Path.of(pattern).getFileName().toString();
            try (var s = Files.list(d)) {
                return s.filter(x -> PathGlob.matches(g, x.getFileName().toString())).map(Path::toString).sorted().toList();
            } catch (IOException e) {
                return List.of();
            }
        });
    }
}
