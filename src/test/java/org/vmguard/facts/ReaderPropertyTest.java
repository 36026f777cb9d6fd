package org.vmguard.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmguard.facts.bantools.ElfNeeded;
import org.vmguard.facts.bantools.Fail2banConfig;
import org.vmguard.facts.firewall.Firewalld;
import org.vmguard.facts.firewall.IptablesSave;
import org.vmguard.facts.firewall.NftJson;
import org.vmguard.facts.firewall.Nftables;
import org.vmguard.facts.image.ImageContents;
import org.vmguard.facts.logging.Journald;
import org.vmguard.facts.logging.Logrotate;
import org.vmguard.facts.logging.Rsyslog;
import org.vmguard.facts.logging.SyslogNg;
import org.vmguard.facts.net.Sockets;
import org.vmguard.facts.systemd.SystemdUnits;

/**
 * Every reader of this area, fed seeded random and mutated input (thousands of cases each):
 * nothing may escape but our ParseError, and it must name the file. The seeds are fixed, so a
 * failure replays; the seed and case are in the message.
 */
class ReaderPropertyTest {

    static final int CASES = 2000;
    static final String FILE = "/etc/fuzzed.conf";

    static Map<String, BiConsumer<String, String>> readers() {
        Map<String, BiConsumer<String, String>> r = new LinkedHashMap<>();
        Nftables.Files noFiles = Nftables.files(p -> Optional.of("table inet f { chain c { accept; }; }\n"), p -> List.of());
        r.put("nftables", (p, t) -> Nftables.parse(p, t, noFiles).ruleset(p).admits(22));
        r.put("iptables-save", (p, t) -> IptablesSave.parse(p, t).ruleset(p).admits(22));
        r.put("nft json", (p, t) -> NftJson.parse(p, t).admits(22));
        r.put("firewalld zone", (p, t) -> Firewalld.zone(p, t, n -> Optional.empty()).admits(22));
        r.put("fail2ban ini", (p, t) -> {
            Fail2banConfig c = Fail2banConfig.read("/etc/fail2ban", Fail2banConfig.files(
                    f -> f.equals("/etc/fail2ban/jail.conf") ? Optional.of(t) : Optional.empty(), d -> List.of()));
            for (String j : c.jails()) {
                c.enabled(j);
                c.logpaths(j);
                c.actions(j);
                c.backend(j);
            }
        });
        Rsyslog.Files rf = Rsyslog.files(p -> Optional.empty(), p -> List.of());
        r.put("rsyslog", (p, t) -> Rsyslog.parse(p, t, rf));
        r.put("syslog-ng", (p, t) -> SyslogNg.parse(p, t, rf));
        r.put("journald", (p, t) -> {
            Journald j = Journald.parse(Map.of(p, t), true);
            j.persistent();
            j.maxRetentionSeconds();
        });
        r.put("logrotate", (p, t) -> Logrotate.parse(p, t, new Logrotate.Reader() {
            @Override
            public Optional<String> read(String path) {
                return Optional.empty();
            }

            @Override
            public boolean isDirectory(String path) {
                return false;
            }

            @Override
            public List<String> list(String dir) {
                return List.of();
            }
        }).entries().forEach(e -> e.settings().days()));
        r.put("proc net tcp", (p, t) -> Sockets.parse("/proc/net/tcp", t));
        r.put("systemd presets", SystemdUnits::parsePresets);
        r.put("cloud-init yaml", ImageContents::datasources);
        r.put("elf", (p, t) -> ElfNeeded.needed(p, t.getBytes(StandardCharsets.ISO_8859_1)));
        return r;
    }

    /** Real inputs to mutate: package files and small samples of each syntax. */
    static Map<String, List<String>> seeds() throws IOException {
        Map<String, List<String>> s = new LinkedHashMap<>();
        s.put("nftables", List.of(read("packages/nftables/etc/nftables.conf"), """
                define p = { 22, 80 }
                table inet f { set s { type inet_service; elements = { 22 } }
                chain input { type filter hook input priority 0; policy drop;
                ct state vmap { established : accept, invalid : drop }
                tcp dport $p accept; tcp dport @s accept; iif lo accept
                ip saddr 10.0.0.0/8 tcp dport 1000-2000 reject with tcp reset
                }
                }
                add rule inet f input udp dport 53 counter accept
                """));
        s.put("iptables-save", List.of(read("packages/ufw/usr/share/ufw/user.rules"), """
                *filter
                :INPUT DROP [0:0]
                :x - [0:0]
                -A INPUT -i lo -j ACCEPT
                -A INPUT -p tcp -m multiport --dports 22,80:90 -j x
                -A x -m conntrack --ctstate NEW -s 1.2.3.4 -j ACCEPT
                COMMIT
                """));
        s.put("nft json", List.of("""
                {"nftables": [{"metainfo": {"version": "1.0.6"}}, {"table": {"family": "inet", "name": "f", "handle": 1}},
                {"chain": {"family": "inet", "table": "f", "name": "input", "handle": 1, "type": "filter", "hook": "input", "prio": 0, "policy": "drop"}},
                {"rule": {"family": "inet", "table": "f", "chain": "input", "handle": 2, "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": {"set": [22, {"range": [80, 90]}]}}}, {"accept": null}]}}]}
                """));
        s.put("firewalld zone", List.of(read("packages/firewalld/usr/lib/firewalld/zones/public.xml"),
                read("packages/firewalld/usr/lib/firewalld/zones/drop.xml")));
        s.put("fail2ban ini", List.of(read("packages/fail2ban/etc/fail2ban/jail.conf").substring(0, 6000),
                "[DEFAULT]\na = %(b)s\nb = x\n[sshd]\nenabled = true\nlogpath = %(a)s\n  /var/log/%(__name__)s.log\naction = x[name=y]\n"));
        s.put("rsyslog", List.of(read("packages/rsyslog/etc/rsyslog.conf"), """
                $DefaultNetstreamDriver gtls
                *.* @@(o)h:514;T
                action(type="omfwd" target="h" protocol="tcp" StreamDriverMode="1") # c
                if $msg contains 'x' then { call r }
                include(file="/etc/x/*.conf" mode="optional")
                """));
        s.put("syslog-ng", List.of(read("packages/syslog-ng/etc/syslog-ng/syslog-ng.conf"), """
                @version: 3.38
                destination d { network("h" transport("tls") port(6514) tls(peer-verify(yes))); };
                log { source(s); destination(d); destination { tcp("x" tls()); }; };
                """));
        s.put("journald", List.of(read("packages/systemd/etc/systemd/journald.conf"),
                "[Journal]\nStorage=persistent\nMaxRetentionSec=1y 2M 3w 4d 5h 6min 7s\n"));
        s.put("logrotate", List.of(read("packages/logrotate/etc/logrotate.conf"), read("packages/rsyslog/etc/logrotate.d/rsyslog"),
                "\"/var/log/a b\" /var/log/c {\n rotate 5\n weekly\n maxage 30\n postrotate\n x\n endscript\n}\n"));
        s.put("proc net tcp", List.of("""
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
                   1: 0100007F:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000   106        0 777 1 0000000000000000 100 0 0 10 0
                """));
        s.put("systemd presets", List.of(read("packages/systemd/usr/lib/systemd/system-preset/90-systemd.preset")));
        s.put("cloud-init yaml", List.of("datasource_list: [ NoCloud, ConfigDrive, OpenStack, None ]\n",
                "users:\n  - default\ndatasource_list:\n  - OpenStack\n"));
        s.put("elf", List.of(new String(Files.readAllBytes(Path.of("/bin/true")), StandardCharsets.ISO_8859_1)));
        return s;
    }

    static String read(String resource) throws IOException {
        return Files.readString(Path.of("src/test/resources", resource));
    }

    static Stream<Arguments> cases() {
        return readers().keySet().stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void throwsNothingButParseErrorsNamingTheFile(String name) throws IOException {
        BiConsumer<String, String> reader = readers().get(name);
        List<String> seeds = seeds().get(name);
        Random rnd = new Random(name.hashCode());
        int parseErrors = 0;
        for (int i = 0; i < CASES; i++) {
            String input = i % 4 == 0 ? random(rnd) : mutate(rnd, seeds.get(rnd.nextInt(seeds.size())));
            try {
                reader.accept(FILE, input);
            } catch (ParseError e) {
                parseErrors++;
                assertThat(e.getMessage()).as("case %d of %s", i, name).contains(switch (name) {
                            case "proc net tcp" -> "/proc/net/tcp";
                            case "fail2ban ini" -> "/etc/fail2ban/jail.conf";
                            default -> FILE;
                        });
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError(name + " case " + i + " threw " + e + " on input:\n" + clip(input), e);
            }
        }
        assertThat(parseErrors).as("some of the mutated inputs must be rejected").isPositive();
    }

    static final String ALPHABET = "{}()[];,\"'#$@*=:!-/\\\n \t\0abcdefxyz0123456789.%&|<>~`";

    static String random(Random rnd) {
        StringBuilder b = new StringBuilder();
        int n = rnd.nextInt(200);
        for (int i = 0; i < n; i++) {
            b.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** Deletes, duplicates, swaps or inserts characters and lines of a real input. */
    static String mutate(Random rnd, String seed) {
        StringBuilder b = new StringBuilder(seed);
        int edits = 1 + rnd.nextInt(6);
        for (int e = 0; e < edits && b.length() > 0; e++) {
            int at = rnd.nextInt(b.length());
            switch (rnd.nextInt(6)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                case 2 -> b.setCharAt(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                case 3 -> {
                    int end = Math.min(b.length(), at + rnd.nextInt(40));
                    b.insert(rnd.nextInt(b.length()), b.substring(at, end));
                }
                case 4 -> b.delete(at, Math.min(b.length(), at + rnd.nextInt(30)));
                default -> {
                    List<String> lines = new ArrayList<>(List.of(b.toString().split("\n", -1)));
                    if (lines.size() > 1) {
                        java.util.Collections.swap(lines, rnd.nextInt(lines.size()), rnd.nextInt(lines.size()));
                    }
                    b = new StringBuilder(String.join("\n", lines));
                }
            }
        }
        return b.toString();
    }

    static String clip(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }
}
