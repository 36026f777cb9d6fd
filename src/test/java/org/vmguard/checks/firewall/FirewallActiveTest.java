package org.vmguard.checks.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class FirewallActiveTest {

    @TempDir
    Path dir;

    final FirewallActive check = new FirewallActive();

    @Test
    void passesWhenUfwIsEnabledWithADropPolicy() {
        var host = FirewallFixtures.ufw(new Tree(dir), "yes", "DROP", FirewallFixtures.ALLOW_SSH_USER_RULES).host();
        Outcome o = Evaluate.on(check, host);
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.where()).isEqualTo("/etc/ufw/ufw.conf:2"));
    }

    @Test
    void failsWhenUfwIsInstalledButDisabledAndNamesTheLine() {
        var host = FirewallFixtures.ufw(new Tree(dir), "no", "DROP", FirewallFixtures.ALLOW_SSH_USER_RULES).host();
        Outcome o = Evaluate.on(check, host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("ufw");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.text()).isEqualTo("ENABLED=no"));
    }

    @Test
    void failsWhenNoFirewallIsInstalled() {
        var host = new Tree(dir).dir("/etc").host();
        assertThat(Evaluate.on(check, host)).isInstanceOf(Outcome.Fail.class)
                .extracting(Outcome::reason).asString().contains("no host firewall is installed");
    }

    @Test
    void failsWhenTheEnabledNftablesInputChainAcceptsEverything() {
        var host = FirewallFixtures.nftables(new Tree(dir), """
                table inet filter {
                    chain input { type filter hook input priority 0; }
                }
                """).host();
        assertThat(Evaluate.on(check, host)).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void passesWhenTheEnabledNftablesRulesetFilters() {
        var host = FirewallFixtures.nftables(new Tree(dir), """
                table inet filter {
                    chain input { type filter hook input priority 0; policy drop; tcp dport 22 accept; }
                }
                """).host();
        assertThat(Evaluate.on(check, host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void isAnErrorWhenTheEnabledRulesetCannotBeParsed() {
        var host = FirewallFixtures.nftables(new Tree(dir), "table inet filter {\n chain input {\n").host();
        Outcome o = Evaluate.on(check, host);
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/nftables.conf");
    }
}
