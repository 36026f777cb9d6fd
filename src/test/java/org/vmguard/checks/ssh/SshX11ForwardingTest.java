package org.vmguard.checks.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.ssh.SshFixture.failed;
import static org.vmguard.checks.ssh.SshFixture.tree;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class SshX11ForwardingTest {

    @TempDir
    Path dir;

    final SshX11Forwarding check = new SshX11Forwarding();

    @Test
    void passesOnTheDefault() {
        assertThat(check.evaluate(tree(dir, "\n").host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsWhenTurnedOnAsDebianShipsIt() {
        var f = failed(check.evaluate(tree(dir, "# Debian\nX11Forwarding yes\nX11Forwarding no\n").host()));
        assertThat(f.reason()).contains("X11Forwarding yes from /etc/ssh/sshd_config:2 wins over /etc/ssh/sshd_config:3");
    }

    @Test
    void skipsWithoutSshd() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorOnAnUnterminatedQuote() {
        Outcome o = check.evaluate(tree(dir, "X11Forwarding \"yes\n").host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).isEqualTo("/etc/ssh/sshd_config:1: invalid quotes");
    }
}
