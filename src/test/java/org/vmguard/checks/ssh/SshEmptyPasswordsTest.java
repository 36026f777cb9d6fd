package org.vmguard.checks.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.ssh.SshFixture.failed;
import static org.vmguard.checks.ssh.SshFixture.tree;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class SshEmptyPasswordsTest {

    @TempDir
    Path dir;

    final SshEmptyPasswords check = new SshEmptyPasswords();

    @Test
    void passesOnTheDefault() {
        Outcome o = check.evaluate(tree(dir, "\n").host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("default");
    }

    @Test
    void failsWhenEmptyPasswordsArePermittedWhateverTheCase() {
        var f = failed(check.evaluate(tree(dir, "permitemptypasswords=YES\n").host()));
        assertThat(f.reason()).contains("PermitEmptyPasswords yes from /etc/ssh/sshd_config:1");
    }

    @Test
    void failsWhenOnlyAMatchAllBlockPermitsThem() {
        var f = failed(check.evaluate(tree(dir, "Match all\nPermitEmptyPasswords yes\n").host()));
        assertThat(f.evidence()).extracting(e -> e.line()).contains(2);
    }

    @Test
    void skipsWithoutSshd() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorWhenAGlobalKeywordSitsInAMatchBlock() {
        Outcome o = check.evaluate(tree(dir, "Match User bob\n  Port 2222\n").host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).isEqualTo("/etc/ssh/sshd_config:2: Directive 'Port' is not allowed within a Match block");
    }
}
