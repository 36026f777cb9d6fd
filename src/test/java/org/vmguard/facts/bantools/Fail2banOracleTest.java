package org.vmguard.facts.bantools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.vmguard.testing.Netns;
import org.vmguard.testing.Tools;

/**
 * The jail reader against `fail2ban-client -c DIR -d`, which prints the configuration fail2ban
 * would start with: the enabled jails, their backend, their log files and ban actions must agree,
 * on Debian's installed configuration and on tricky overrides of it.
 */
class Fail2banOracleTest {

    @TempDir
    static Path tmp;

    static Path logs;

    @BeforeAll
    static void logs() throws IOException {
        Tools.require("/usr/bin/fail2ban-client");
        logs = tmp.resolve("logs");
        Files.createDirectories(logs);
        Files.writeString(logs.resolve("auth.log"), "");
        Files.writeString(logs.resolve("other.log"), "");
    }

    /** Files to write over a copy of /etc/fail2ban; "LOGS" stands for the test's log directory. */
    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of("debian defaults", Map.of()),
                Arguments.of("jail.local disables sshd", Map.of("jail.local", "[sshd]\nenabled = false\n")),
                Arguments.of("jail.d/*.local wins over jail.local", Map.of("jail.local", "[sshd]\nenabled = false\n",
                        "jail.d/zz-sshd.local", "[sshd]\nenabled = true\nlogpath = LOGS/auth.log\n")),
                Arguments.of("banaction from [DEFAULT] of jail.local", Map.of("jail.local",
                        "[DEFAULT]\nbanaction = nftables-multiport\n[sshd]\nlogpath = LOGS/auth.log\n")),
                Arguments.of("systemd backend", Map.of("jail.d/sshd.local", "[sshd]\nbackend = systemd\n")),
                Arguments.of("interpolated logpath", Map.of("jail.local",
                        "[DEFAULT]\nmylogs = LOGS\n[sshd]\nlogpath = %(mylogs)s/auth.log\n")),
                Arguments.of("multi-line logpath, one missing", Map.of("jail.local",
                        "[sshd]\nlogpath = LOGS/missing.log\n          LOGS/other.log\n")),
                Arguments.of("boolean spellings and inline comment", Map.of("jail.local",
                        "[sshd]\nenabled: On ; switched on\nlogpath = LOGS/auth.log\n[recidive]\nenabled = 1\nlogpath = LOGS/other.log\n")),
                Arguments.of("paths-overrides.local after paths-debian.conf", Map.of("paths-overrides.local",
                        "[DEFAULT]\nsyslog_authpriv = LOGS/auth.log\n")),
                Arguments.of("known/ refers to the value before the override", Map.of("jail.local",
                        "[sshd]\nlogpath = LOGS/auth.log\n", "jail.d/a.local",
                        "[sshd]\nlogpath = %(known/logpath)s\n          LOGS/other.log\n")),
                Arguments.of("a later .conf in jail.d overrides an earlier one", Map.of("jail.d/10-a.conf",
                        "[sshd]\nenabled = false\n", "jail.d/20-b.conf", "[sshd]\nenabled = true\nbackend = polling\nlogpath = LOGS/auth.log\n")),
                Arguments.of("action with parameters", Map.of("jail.local",
                        "[sshd]\nlogpath = LOGS/auth.log\naction = iptables-allports[name=ssh]\n         sendmail-whois[dest=root]\n")),
                Arguments.of("option names in any case", Map.of("jail.local",
                        "[sshd]\nEnabled = true\nLOGPATH = LOGS/other.log\nBackEnd = polling\n")),
                Arguments.of("a '#' after a value is part of it; ';' after a blank starts a comment", Map.of("jail.local",
                        "[sshd]\nlogpath = LOGS/auth.log ; the usual log\n[recidive]\nenabled = true # on?\nlogpath = LOGS/other.log\n")),
                Arguments.of("the jail's own name through %(__name__)s", Map.of("jail.local",
                        "[DEFAULT]\nlogpath = LOGS/%(__name__)s.log\n[sshd]\nbackend = polling\n", "../logs/sshd.log", "")),
                Arguments.of("a shortcut action from jail.conf, banaction from a later jail.d file", Map.of("jail.local",
                        "[sshd]\nlogpath = LOGS/auth.log\naction = %(action_mw)s\n", "jail.d/zz.local",
                        "[DEFAULT]\nbanaction = nftables[type=multiport]\n")),
                Arguments.of("a value starting on the line after its name, a comment line inside it", Map.of("jail.local",
                        "[sshd]\nlogpath =\n    LOGS/auth.log\n# not part of it\n    LOGS/other.log\n")),
                Arguments.of("jail.d .conf files come before jail.local, .local files after it", Map.of("jail.d/aa.local",
                        "[sshd]\nbackend = polling\nlogpath = LOGS/other.log\n", "jail.local", "[sshd]\nbackend = pyinotify\n",
                        "jail.d/zz.conf", "[sshd]\nbackend = systemd\nlogpath = LOGS/auth.log\n")),
                Arguments.of("yes, 1 and false spelt in other ways", Map.of("jail.local",
                        "[sshd]\nenabled = FALSE\n[recidive]\nenabled = yes\nlogpath = LOGS/other.log\n[apache-auth]\nenabled = 0\n")));
    }

    record Effective(String backend, List<String> logs, List<String> actions) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void agreesWithFail2banClient(String name, Map<String, String> overrides) throws IOException {
        Path conf = tmp.resolve("conf-" + Math.abs(name.hashCode()));
        Netns.Result copy = Netns.run(List.of("cp", "-r", "/etc/fail2ban", conf.toString()));
        assertThat(copy.code()).isZero();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String text = e.getValue().replace("LOGS", logs.toString());
            Path f = conf.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, text);
        }
        Netns.Result r = Netns.run(List.of("fail2ban-client", "-c", conf.toString(), "-d"));
        assertThat(r.code()).as("fail2ban-client -d: %s", r.err()).isZero();
        Map<String, Effective> theirs = parseDump(r.out());

        Fail2banConfig ours = Fail2banConfig.read(conf.toString(), Fail2banConfig.files(p -> read(Path.of(p)),
                d -> list(Path.of(d))));
        Map<String, Effective> mine = new TreeMap<>();
        for (String jail : ours.enabledJails()) {
            List<String> existing = new ArrayList<>();
            if (!ours.backend(jail).startsWith("systemd")) {
                for (String p : ours.logpaths(jail)) {
                    if (Files.exists(Path.of(p))) {
                        existing.add(p);
                    }
                }
            }
            mine.put(jail, new Effective(ours.backend(jail), existing, ours.actions(jail)));
        }
        assertThat(mine).isEqualTo(theirs);
    }

    static final Pattern ADD = Pattern.compile("^\\['add', '([^']+)', '([^']+)'\\]$");
    static final Pattern LOG = Pattern.compile("^\\['set', '([^']+)', 'addlogpath', '([^']+)'.*$");
    static final Pattern ACTION = Pattern.compile("^\\['set', '([^']+)', 'addaction', '([^']+)'\\]$");

    static Map<String, Effective> parseDump(String out) {
        Map<String, String> backends = new LinkedHashMap<>();
        Map<String, List<String>> logs = new LinkedHashMap<>();
        Map<String, List<String>> actions = new LinkedHashMap<>();
        for (String l : out.split("\n")) {
            Matcher m;
            if ((m = ADD.matcher(l)).matches()) {
                backends.put(m.group(1), m.group(2));
            } else if ((m = LOG.matcher(l)).matches()) {
                logs.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
            } else if ((m = ACTION.matcher(l)).matches()) {
                actions.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
            }
        }
        Map<String, Effective> out2 = new TreeMap<>();
        backends.forEach((j, b) -> out2.put(j, new Effective(b, logs.getOrDefault(j, List.of()),
                actions.getOrDefault(j, List.of()))));
        return out2;
    }

    static Optional<String> read(Path p) {
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readString(p)) : Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> list(Path d) {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (var s = Files.list(d)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
