package org.vmguard.checks.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class FirewallSshdJailTest {

    @TempDir
    Path dir;

    final FirewallSshdJail check = new FirewallSshdJail();

    Tree debian() {
        return FirewallBanToolTest.fail2ban(new Tree(dir), true);
    }

    @Test
    void passesWithDebiansPackageDefault() {
        Outcome o = Evaluate.on(check, debian().host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).singleElement().satisfies(e ->
                assertThat(e.where()).isEqualTo("/etc/fail2ban/jail.d/defaults-debian.conf:2"));
    }

    @Test
    void failsWhenJailLocalSwitchesItOffAgain() {
        Outcome o = Evaluate.on(check, debian().file("/etc/fail2ban/jail.local", "[sshd]\nenabled = false\n").host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).singleElement().satisfies(e -> assertThat(e.where()).isEqualTo("/etc/fail2ban/jail.local:2"));
    }

    @Test
    void aDotLocalInJailDWinsOverJailLocal() {
        Outcome o = Evaluate.on(check, debian().file("/etc/fail2ban/jail.local", "[sshd]\nenabled = false\n")
                .file("/etc/fail2ban/jail.d/zz.local", "[sshd]\nenabled = yes\n").host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsWhenOnlyJailConfIsPresentSinceItShipsEveryJailDisabled() {
        var tree = new Tree(dir).file("/etc/fail2ban/jail.conf", "[DEFAULT]\nenabled = false\n[sshd]\nport = ssh\n")
                .file("/usr/bin/fail2ban-server", "");
        Outcome o = Evaluate.on(check, tree.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).singleElement().satisfies(e -> assertThat(e.where()).isEqualTo("/etc/fail2ban/jail.conf:2"));
    }

    @Test
    void skipsWhenFail2banIsNotInstalled() {
        assertThat(Evaluate.on(check, new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorNamingTheLineWhenJailLocalIsMalformed() {
        Outcome o = Evaluate.on(check, debian().file("/etc/fail2ban/jail.local", "enabled = true\n").host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/fail2ban/jail.local:1");
    }
}
