package org.vmguard.checks.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class FirewallSshLockoutTest {

    @TempDir
    Path dir;

    final FirewallSshLockout check = new FirewallSshLockout();

    @Test
    void passesWhenUfwAllowsTheSshPort() {
        var host = FirewallFixtures.ufw(new Tree(dir), "yes", "DROP", FirewallFixtures.ALLOW_SSH_USER_RULES).host();
        Outcome o = Evaluate.on(check, host);
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.where()).isEqualTo("/etc/ufw/user.rules:6"));
    }

    @Test
    void failsWhenAnInstalledButDisabledUfwWouldLockTheOwnerOut() {
        var host = FirewallFixtures.ufw(new Tree(dir), "no", "DROP", FirewallFixtures.NO_RULES_USER_RULES).host();
        Outcome o = Evaluate.on(check, host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("ufw (not enabled yet)").contains("22");
    }

    @Test
    void followsSshdsPortAndFailsWhenOnlyPort22IsOpen() {
        var host = FirewallFixtures.nftables(new Tree(dir), """
                table inet filter {
                    chain input { type filter hook input priority 0; policy drop;
                        ct state established,related accept
                        tcp dport ssh accept
                    }
                }
                """).file("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\n")
                .file("/etc/ssh/sshd_config.d/port.conf", "Port 2222\n").host();
        Outcome o = Evaluate.on(check, host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("2222");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.where()).isEqualTo("/etc/ssh/sshd_config.d/port.conf:1"));
    }

    @Test
    void passesWhenAJumpedToChainAcceptsSshFromSomeSources() {
        var host = FirewallFixtures.nftables(new Tree(dir), """
                define admins = { 192.0.2.0/24, 198.51.100.7 }
                table inet filter {
                    chain admin { ip saddr $admins tcp dport 22 accept; }
                    chain input { type filter hook input priority 0; policy drop;
                        iifname "lo" accept
                        jump admin
                    }
                }
                """).host();
        assertThat(Evaluate.on(check, host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsWhenOnlyLoopbackAndEstablishedTrafficIsAccepted() {
        var host = FirewallFixtures.nftables(new Tree(dir), """
                table inet filter {
                    chain input { type filter hook input priority 0; policy drop;
                        iif lo accept
                        ct state { established, related } accept
                    }
                }
                """).host();
        assertThat(Evaluate.on(check, host)).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void skipsWithoutAnyFirewall() {
        assertThat(Evaluate.on(check, new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorWhenTheEnabledRulesetCannotBeRead() {
        var host = FirewallFixtures.nftables(new Tree(dir), "include \"/etc/nftables.d/missing.nft\"\n").host();
        Outcome o = Evaluate.on(check, host);
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/nftables.conf:1");
    }
}
