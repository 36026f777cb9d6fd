package org.vmguard.checks.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.ssh.SshFixture.failed;
import static org.vmguard.checks.ssh.SshFixture.tree;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class SshStrictModesTest {

    @TempDir
    Path dir;

    final SshStrictModes check = new SshStrictModes();

    @Test
    void passesOnTheDefault() {
        assertThat(check.evaluate(tree(dir, "\n").host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsWhenTurnedOffInAnIncludedFile() {
        var f = failed(check.evaluate(tree(dir, "Include sshd_config.d/*.conf\nStrictModes yes\n")
                .file("/etc/ssh/sshd_config.d/10-lax.conf", "StrictModes no\n").host()));
        assertThat(f.reason()).isEqualTo("StrictModes no from /etc/ssh/sshd_config.d/10-lax.conf:1 wins over "
                + "/etc/ssh/sshd_config:2");
    }

    @Test
    void skipsWithoutSshd() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorWhenStrictModesSitsInAMatchBlock() {
        Outcome o = check.evaluate(tree(dir, "Match User alice\nStrictModes no\n").host());
        assertThat(o.reason()).contains("not allowed within a Match block");
    }
}
