package org.vmguard.facts.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmguard.facts.ParseError;
import org.vmguard.testing.Netns;
import org.vmguard.testing.Tools;

/**
 * The nft script reader against nft itself, inside a network namespace this test creates: every
 * configuration nft accepts (`nft -c -f`) is loaded and listed back (`nft -j list ruleset`), and
 * what our reader makes of the script must decide like what the JSON reader makes of the
 * kernel's ruleset. Configurations nft rejects must be our ParseError.
 */
class NftablesOracleTest {

    static Netns ns;
    static final int[] PORTS = {22, 23, 53, 80, 443, 1500, 2222, 3306, 8080};

    @TempDir
    static Path dir;

    @BeforeAll
    static void namespace() {
        Tools.require("/usr/sbin/nft");
        ns = Netns.create("nft");
    }

    @AfterAll
    static void teardown() {
        if (ns != null) {
            ns.close();
        }
    }

    static Stream<Arguments> accepted() throws IOException {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("debian default", Files.readString(Path.of("src/test/resources/packages/nftables/etc/nftables.conf"))));
        out.add(Arguments.of("drop policy, lo, established, a port set", """
                flush ruleset
                table inet filter {
                    chain input {
                        type filter hook input priority filter; policy drop;
                        iifname "lo" accept
                        ct state established,related accept
                        tcp dport { 22, 80, 443 } accept
                    }
                }
                """));
        out.add(Arguments.of("variables", """
                define ssh_port = 2222
                define web = { 80, 443 }
                table inet f {
                    chain input { type filter hook input priority 0; policy drop;
                        tcp dport $ssh_port accept
                        tcp dport $web accept
                    }
                }
                """));
        out.add(Arguments.of("named set", """
                table inet f {
                    set allowed { type inet_service; elements = { 22, 8080 } }
                    chain input { type filter hook input priority 0; policy drop; tcp dport @allowed accept; }
                }
                """));
        out.add(Arguments.of("jump and return", """
                table ip f {
                    chain tcp_in { tcp dport 3306 return; tcp dport 22 accept; }
                    chain input { type filter hook input priority 0; policy drop; meta l4proto tcp jump tcp_in; }
                }
                """));
        out.add(Arguments.of("two base chains: a drop in either is final", """
                table inet a { chain input { type filter hook input priority -10; policy accept; tcp dport 22 accept; }; }
                table ip b { chain input { type filter hook input priority 10; policy drop; tcp dport 80 accept; }; }
                """));
        out.add(Arguments.of("verdict maps", """
                table inet f {
                    chain input { type filter hook input priority 0; policy drop;
                        ct state vmap { established : accept, related : accept, invalid : drop }
                        tcp dport vmap { 22 : accept, 23 : drop }
                    }
                }
                """));
        out.add(Arguments.of("add commands", """
                add table inet f
                add chain inet f input { type filter hook input priority 0 ; policy drop ; }
                add rule inet f input tcp dport 22 counter accept
                add rule inet f input udp dport 53 accept
                insert rule inet f input tcp dport 8080 drop
                """));
        out.add(Arguments.of("range, limit, log, reject with", """
                table inet f {
                    chain input {
                        type filter hook input priority filter
                        policy drop
                        tcp dport 1000-2000 accept comment "range"
                        tcp dport 22 limit rate 10/minute accept
                        log prefix "dropped: " reject with icmpx type admin-prohibited
                    }
                }
                """));
        out.add(Arguments.of("flush ruleset replaces what came before", """
                table inet f { chain input { type filter hook input priority 0; policy accept; }; }
                flush ruleset
                table inet f { chain input { type filter hook input priority 0; policy drop; tcp dport 22 accept; }; }
                """));
        out.add(Arguments.of("source ranges, loopback, negation", """
                table inet f { chain input { type filter hook input priority 0; policy drop;
                    iif lo accept
                    ip saddr 10.0.0.0/8 tcp dport 22 accept
                    tcp dport != 80 drop
                    tcp dport 80 accept
                }
                }
                """));
        out.add(Arguments.of("IPv6-only rule, line continuation, service names", """
                table inet f {
                    chain input {
                        type filter hook input priority 0; policy drop;
                        meta nfproto ipv6 tcp dport 8080 accept
                        tcp dport \\
                            https accept
                        tcp dport ssh accept
                    }
                }
                """));
        Path parts = dir.resolve("parts");
        Files.createDirectories(parts);
        Files.writeString(parts.resolve("10-table.nft"), "table inet f {\n chain input { type filter hook input priority 0; policy drop; }\n}\n");
        Files.writeString(parts.resolve("20-rules.nft"), "add rule inet f input tcp dport 443 accept\n");
        out.add(Arguments.of("glob include", "include \"" + parts + "/*.nft\"\nadd rule inet f input tcp dport 22 accept\n"));
        return out.stream();
    }

    static Nftables.Files realFiles() {
        return Nftables.files(p -> {
            try {
                Path f = Path.of(p);
                return Files.isRegularFile(f) ? Optional.of(Files.readString(f)) : Optional.empty();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, pattern -> {
            Path d = Path.of(pattern).getParent();
            String glob = Path.of(pattern).getFileName().toString();
            try (var s = Files.list(d)) {
                return s.map(Path::toString).filter(n -> org.vmguard.facts.PathGlob.matches(glob,
                        Path.of(n).getFileName().toString())).sorted().toList();
            } catch (IOException e) {
                return List.of();
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void decidesLikeTheRulesetNftLoads(String name, String text) throws IOException {
        Path file = dir.resolve("ruleset.nft");
        Files.writeString(file, text);
        Netns.Result check = ns.exec("nft", "-c", "-f", file.toString());
        assertThat(check.code()).as("nft -c -f: %s", check.err()).isZero();
        ns.exec("nft", "flush", "ruleset");
        Netns.Result load = ns.exec("nft", "-f", file.toString());
        assertThat(load.code()).as("nft -f: %s", load.err()).isZero();
        Netns.Result list = ns.exec("nft", "-j", "list", "ruleset");
        assertThat(list.code()).isZero();

        Ruleset ours = Nftables.parse(file.toString(), text, realFiles()).ruleset(file.toString());
        Ruleset kernel = NftJson.parse("nft -j list ruleset", list.out());

        assertThat(ours.inputs()).extracting(Ruleset.Chain::policy)
                .as("input base chains and policies").containsExactlyInAnyOrderElementsOf(
                        kernel.inputs().stream().map(Ruleset.Chain::policy).toList());
        assertThat(ours.filters()).isEqualTo(kernel.filters());
        assertThat(ours.defaultDeny().isPresent()).isEqualTo(kernel.defaultDeny().isPresent());
        for (int port : PORTS) {
            assertThat(ours.admits(port).admitted()).as("tcp port %d admitted", port)
                    .isEqualTo(kernel.admits(port).admitted());
        }
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("unclosed brace", "table inet f {\n chain input {\n", 2),
                Arguments.of("bad policy", "table inet f {\n chain input { type filter hook input priority 0; policy maybe; }\n}\n", 2),
                Arguments.of("undefined variable", "table inet f {\n chain input { tcp dport $nope accept; }\n}\n", 2),
                Arguments.of("missing include", "include \"/nonexistent/vmguard.nft\"\n", 1),
                Arguments.of("rule for a missing table", "add rule inet nosuch input accept\n", 1),
                Arguments.of("misspelt command", "tabel inet f { }\n", 1),
                Arguments.of("a rule not ended before }", "table inet f {\n chain input { type filter hook input priority 0; tcp dport 22 accept }\n}\n", 2),
                Arguments.of("a chain not ended before }", "table inet f { chain input { policy drop; } }\n", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsWhatNftRejectsNamingTheLine(String name, String text, int line) throws IOException {
        Path file = dir.resolve("bad.nft");
        Files.writeString(file, text);
        ns.exec("nft", "flush", "ruleset");
        assertThat(ns.exec("nft", "-c", "-f", file.toString()).code()).as("nft -c rejects it").isNotZero();
        assertThatThrownBy(() -> Nftables.parse(file.toString(), text, realFiles()))
                .isInstanceOf(ParseError.class)
                .satisfies(e -> assertThat(((ParseError) e).line()).isEqualTo(line));
    }
}
