package org.vmguard.checks.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class FirewallDefaultDenyTest {

    @TempDir
    Path dir;

    final FirewallDefaultDeny check = new FirewallDefaultDeny();

    @Test
    void passesWithUfwsDropPolicy() {
        var host = FirewallFixtures.ufw(new Tree(dir), "yes", "DROP", FirewallFixtures.ALLOW_SSH_USER_RULES).host();
        Outcome o = Evaluate.on(check, host);
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).singleElement().satisfies(e -> assertThat(e.where()).isEqualTo("/etc/default/ufw:2"));
    }

    @Test
    void failsWhenTheInputPolicyIsAccept() {
        var host = FirewallFixtures.ufw(new Tree(dir), "yes", "ACCEPT", """
                *filter
                :ufw-user-input - [0:0]
                -A ufw-user-input -p tcp --dport 23 -j DROP
                COMMIT
                """).host();
        Outcome o = Evaluate.on(check, host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.text()).contains("ACCEPT"));
    }

    @Test
    void passesWhenTheLastRuleDropsEverythingDespiteAnAcceptPolicy() {
        var host = FirewallFixtures.nftables(new Tree(dir), """
                table inet filter {
                    chain input {
                        type filter hook input priority 0; policy accept;
                        iifname lo accept
                        tcp dport 22 accept
                        drop
                    }
                }
                """).host();
        Outcome o = Evaluate.on(check, host);
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(6));
    }

    @Test
    void skipsWhenNoFirewallIsActive() {
        var host = FirewallFixtures.ufw(new Tree(dir), "no", "DROP", FirewallFixtures.NO_RULES_USER_RULES).host();
        assertThat(Evaluate.on(check, host)).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorWhenTheEnabledConfigurationIsBroken() {
        var host = FirewallFixtures.nftables(new Tree(dir), "table inet filter { chain input { policy maybe; } }\n").host();
        assertThat(Evaluate.on(check, host)).isInstanceOf(Outcome.Error.class);
    }
}
