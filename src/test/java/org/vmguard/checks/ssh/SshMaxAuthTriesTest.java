package org.vmguard.checks.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.ssh.SshFixture.failed;
import static org.vmguard.checks.ssh.SshFixture.tree;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class SshMaxAuthTriesTest {

    @TempDir
    Path dir;

    final SshMaxAuthTries check = new SshMaxAuthTries();

    @Test
    void passesAtFour() {
        assertThat(check.evaluate(tree(dir, "MaxAuthTries 4\n").host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsOnTheDefaultOfSix() {
        assertThat(failed(check.evaluate(tree(dir, "\n").host())).reason()).contains("MaxAuthTries 6 by OpenSSH");
    }

    @Test
    void failsWhenAMatchBlockRaisesIt() {
        var f = failed(check.evaluate(tree(dir, "MaxAuthTries 3\nMatch Host *.example.com\n MaxAuthTries 10\n").host()));
        assertThat(f.reason()).contains("MaxAuthTries 10 for connections matching Match Host *.example.com");
    }

    @Test
    void skipsWithoutSshd() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorForANonNumber() {
        assertThat(check.evaluate(tree(dir, "MaxAuthTries four\n").host())).isInstanceOf(Outcome.Error.class);
    }
}
