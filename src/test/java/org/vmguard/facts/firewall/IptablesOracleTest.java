package org.vmguard.facts.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmguard.facts.ParseError;
import org.vmguard.testing.Netns;
import org.vmguard.testing.Tools;

/**
 * The iptables-save reader against iptables-restore and iptables-save inside a test namespace:
 * files `iptables-restore --test` accepts are loaded, saved back (the kernel's canonical form),
 * and both readings must decide alike; files it rejects must be our ParseError.
 */
class IptablesOracleTest {

    static Netns ns;
    static final int[] PORTS = {22, 23, 53, 80, 443, 1500, 2222, 3306, 8080};

    @TempDir
    static Path dir;

    @BeforeAll
    static void namespace() {
        Tools.require("/usr/sbin/iptables-restore");
        ns = Netns.create("ipt");
    }

    @AfterAll
    static void teardown() {
        if (ns != null) {
            ns.close();
        }
    }

    static Stream<Arguments> accepted() throws IOException {
        return Stream.of(
                Arguments.of("ufw's package user.rules", Files.readString(Path.of("src/test/resources/packages/ufw/usr/share/ufw/user.rules"))),
                Arguments.of("drop policy with ssh", """
                        *filter
                        :INPUT DROP [0:0]
                        :FORWARD DROP [0:0]
                        :OUTPUT ACCEPT [0:0]
                        -A INPUT -i lo -j ACCEPT
                        -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
                        -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
                        COMMIT
                        """),
                Arguments.of("multiport and ranges", """
                        *filter
                        :INPUT DROP [0:0]
                        -A INPUT -p tcp -m multiport --dports 80,443,1000:2000 -j ACCEPT
                        COMMIT
                        """),
                Arguments.of("user chain with return", """
                        *filter
                        :INPUT DROP [0:0]
                        :svc - [0:0]
                        -A INPUT -p tcp -j svc
                        -A svc -p tcp --dport 3306 -j RETURN
                        -A svc -p tcp --dport 22 -j ACCEPT
                        COMMIT
                        """),
                Arguments.of("accept policy with a final reject", """
                        *filter
                        :INPUT ACCEPT [0:0]
                        -A INPUT -p tcp --dport 22 -j ACCEPT
                        -A INPUT -j REJECT --reject-with icmp-port-unreachable
                        COMMIT
                        """),
                Arguments.of("source-restricted ssh, quoted comment, counters", """
                        # generated
                        *filter
                        :INPUT DROP [10:600]
                        [5:300] -A INPUT -s 192.0.2.0/24 -p tcp -m tcp --dport 22 -m comment --comment "admins only" -j ACCEPT
                        COMMIT
                        """),
                Arguments.of("negations", """
                        *filter
                        :INPUT DROP [0:0]
                        -A INPUT ! -i lo -p tcp ! --dport 80 -j DROP
                        -A INPUT -p tcp --dport 80 -j ACCEPT
                        COMMIT
                        """),
                Arguments.of("state module and log", """
                        *filter
                        :INPUT DROP [0:0]
                        -A INPUT -m state --state NEW -p tcp --dport 2222 -j LOG --log-prefix "ssh: "
                        -A INPUT -m state --state NEW -p tcp --dport 2222 -j ACCEPT
                        COMMIT
                        """),
                Arguments.of("other tables around filter", """
                        *raw
                        :PREROUTING ACCEPT [0:0]
                        :OUTPUT ACCEPT [0:0]
                        COMMIT
                        *nat
                        :PREROUTING ACCEPT [0:0]
                        :INPUT ACCEPT [0:0]
                        :OUTPUT ACCEPT [0:0]
                        :POSTROUTING ACCEPT [0:0]
                        COMMIT
                        *filter
                        :INPUT DROP [0:0]
                        -A INPUT -p udp --dport 53 -j ACCEPT
                        COMMIT
                        """),
                Arguments.of("goto and insert", """
                        *filter
                        :INPUT DROP [0:0]
                        :web - [0:0]
                        -A web -p tcp --dport 443 -j ACCEPT
                        -A INPUT -p tcp -g web
                        -I INPUT 1 -p tcp --dport 22 -j ACCEPT
                        COMMIT
                        """),
                Arguments.of("established only", """
                        *filter
                        :INPUT DROP [0:0]
                        -A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT
                        -A INPUT -p tcp --syn --dport 8080 -j ACCEPT
                        COMMIT
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void decidesLikeTheKernelsSavedRuleset(String name, String text) throws IOException {
        Path file = dir.resolve("rules.v4");
        Files.writeString(file, text);
        Netns.Result test = ns.exec("iptables-restore", "--test", file.toString());
        assertThat(test.code()).as("iptables-restore --test: %s", test.err()).isZero();
        assertThat(ns.exec("iptables", "-F").code()).isZero();
        assertThat(ns.exec("iptables", "-X").code()).isZero();
        Netns.Result load = ns.exec("iptables-restore", file.toString());
        assertThat(load.code()).as("iptables-restore: %s", load.err()).isZero();
        Netns.Result save = ns.exec("iptables-save", "-t", "filter");
        assertThat(save.code()).isZero();

        Ruleset ours = IptablesSave.parse(file.toString(), text).ruleset(file.toString());
        Ruleset kernel = IptablesSave.parse("iptables-save", save.out()).ruleset("iptables-save");
        if (ours.inputs().isEmpty()) {
            // a file without an INPUT chain leaves the kernel's default: accept everything
            assertThat(kernel.filters()).isFalse();
            return;
        }
        assertThat(ours.inputs().get(0).policy()).isEqualTo(kernel.inputs().get(0).policy());
        assertThat(ours.defaultDeny().isPresent()).isEqualTo(kernel.defaultDeny().isPresent());
        for (int port : PORTS) {
            assertThat(ours.admits(port).admitted()).as("tcp port %d admitted", port)
                    .isEqualTo(kernel.admits(port).admitted());
        }
    }

    /**
     * The iptables package ships no rules: a Debian host starts with the kernel's accept-all
     * tables, which iptables-persistent saves as /etc/iptables/rules.v4 when installed. That file,
     * as iptables-save writes it in a fresh namespace, must read as no filtering at all.
     */
    @Test
    void freshHostsSavedRulesetAgrees() throws IOException {
        String saved;
        try (Netns fresh = Netns.create("ipt0")) {
            // setting a built-in chain's policy to its default makes the filter table exist, changing nothing
            assertThat(fresh.exec("iptables", "-P", "INPUT", "ACCEPT").code()).isZero();
            Netns.Result save = fresh.exec("iptables-save");
            assertThat(save.code()).isZero();
            saved = save.out();
        }
        assertThat(saved).contains("*filter", ":INPUT ACCEPT", "COMMIT", "# Generated by iptables-save");
        decidesLikeTheKernelsSavedRuleset("fresh host", saved);
        Ruleset ours = IptablesSave.parse("rules.v4", saved).ruleset("rules.v4");
        assertThat(ours.filters()).isFalse();
        assertThat(ours.defaultDeny()).isEmpty();
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("no COMMIT", "*filter\n:INPUT DROP [0:0]\n-A INPUT -j ACCEPT\n", 4),
                Arguments.of("rule before a table", "-A INPUT -j ACCEPT\n", 1),
                Arguments.of("unknown chain", "*filter\n:INPUT DROP [0:0]\n-A NOPE -j ACCEPT\nCOMMIT\n", 3),
                Arguments.of("bad policy", "*filter\n:INPUT MAYBE [0:0]\nCOMMIT\n", 2),
                Arguments.of("unknown table", "*filtre\nCOMMIT\n", 1),
                Arguments.of("jump to a missing chain", "*filter\n:INPUT DROP [0:0]\n-A INPUT -j nowhere\nCOMMIT\n", 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsWhatIptablesRestoreRejects(String name, String text, int line) throws IOException {
        Path file = dir.resolve("bad.v4");
        Files.writeString(file, text);
        // --test does not look chains up (iptables-nft): loading them for real is the stricter oracle
        assertThat(ns.exec("iptables-restore", file.toString()).code()).as("iptables-restore rejects it").isNotZero();
        assertThatThrownBy(() -> IptablesSave.parse(file.toString(), text)).isInstanceOf(ParseError.class)
                .satisfies(e -> assertThat(((ParseError) e).line()).isEqualTo(line));
    }
}
