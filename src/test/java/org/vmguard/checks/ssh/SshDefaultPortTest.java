package org.vmguard.checks.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.ssh.SshFixture.failed;
import static org.vmguard.checks.ssh.SshFixture.tree;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class SshDefaultPortTest {

    @TempDir
    Path dir;

    final SshDefaultPort check = new SshDefaultPort();

    @Test
    void passesOnAnotherPort() {
        assertThat(check.evaluate(tree(dir, "Port 2222\n").host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsOnTheDefault() {
        assertThat(failed(check.evaluate(tree(dir, "\n").host())).reason()).contains("Port 22 by OpenSSH");
    }

    @Test
    void failsWhenOneOfSeveralPortsIs22() {
        var f = failed(check.evaluate(tree(dir, "Port 2222\nPort 22\n").host()));
        assertThat(f.evidence()).extracting(e -> e.line()).containsExactly(1, 2);
    }

    @Test
    void followsListenAddressPortsOverPort() {
        assertThat(check.evaluate(tree(dir, "Port 22\nListenAddress 0.0.0.0:2222\nListenAddress [::]:2222\n").host()))
                .isInstanceOf(Outcome.Pass.class);
        assertThat(SshDefaultPort.explicitPort("fe80::1")).isNull();
        assertThat(SshDefaultPort.explicitPort("10.0.0.1:22")).isEqualTo(22);
    }

    @Test
    void skipsWithoutSshd() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorForPortZero() {
        assertThat(check.evaluate(tree(dir, "Port 0\n").host())).isInstanceOf(Outcome.Error.class);
    }
}
