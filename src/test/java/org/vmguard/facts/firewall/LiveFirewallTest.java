package org.vmguard.facts.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Netns;
import org.vmguard.testing.Tools;

/**
 * The live path end to end: a ruleset loaded into a test namespace's kernel tables is read back
 * by a child JVM running inside that namespace, as `vmguard audit` would on a live host.
 */
class LiveFirewallTest {

    @TempDir
    Path tmp;

    List<String> probe(Netns ns) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Netns.Result r = ns.exec(java, "-cp", cp, LiveFirewallProbe.class.getName());
        assertThat(r.code()).as("probe: %s", r.err()).isZero();
        return List.of(r.out().split("\n"));
    }

    @Test
    void theLoadedRulesetDecidesOnALiveHost() throws IOException {
        Tools.require("/usr/sbin/nft");
        try (Netns ns = Netns.create("live")) {
            List<String> empty = probe(ns);
            assertThat(empty).contains("loaded nft -j list ruleset");
            assertThat(empty).anyMatch(l -> l.startsWith("firewall.active Fail "));

            Path rules = tmp.resolve("lockout.nft");
            Files.writeString(rules, """
                    table inet filter {
                        chain input {
                            type filter hook input priority 0; policy drop;
                            iif lo accept
                            tcp dport 80 accept
                        }
                    }
                    """);
            assertThat(ns.exec("nft", "-f", rules.toString()).code()).isZero();
            List<String> locked = probe(ns);
            assertThat(locked).anyMatch(l -> l.startsWith("firewall.active Pass "));
            assertThat(locked).anyMatch(l -> l.startsWith("firewall.default-deny Pass "));
            assertThat(locked).anyMatch(l -> l.startsWith("firewall.ssh-lockout Fail ") && l.contains("the loaded ruleset"));

            // whatever Port this machine's sshd_config names
            assertThat(ns.exec("nft", "add", "rule", "inet", "filter", "input", "tcp", "dport", "1-65535", "accept").code()).isZero();
            assertThat(probe(ns)).anyMatch(l -> l.startsWith("firewall.ssh-lockout Pass "));
        }
    }
}
