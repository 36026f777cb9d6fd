package org.vmguard.checks.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.ssh.SshFixture.failed;
import static org.vmguard.checks.ssh.SshFixture.tree;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class SshAllowListTest {

    @TempDir
    Path dir;

    final SshAllowList check = new SshAllowList();

    @Test
    void passesWithAllowGroups() {
        Outcome o = check.evaluate(tree(dir, "AllowGroups sshusers\n").host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("AllowGroups sshusers from /etc/ssh/sshd_config:1");
    }

    @Test
    void accumulatesAllowUsersAcrossLines() {
        Outcome o = check.evaluate(tree(dir, "AllowUsers alice\nallowusers bob carol\n").host());
        assertThat(o.reason()).contains("AllowUsers alice bob carol from /etc/ssh/sshd_config:1, /etc/ssh/sshd_config:2");
    }

    @Test
    void failsWithoutAnyAllowList() {
        var f = failed(check.evaluate(tree(dir, "DenyUsers guest\n").host()));
        assertThat(f.reason()).isEqualTo("neither AllowUsers nor AllowGroups restricts who may log in");
    }

    @Test
    void failsWhenOnlyAMatchBlockRestricts() {
        var f = failed(check.evaluate(tree(dir, "Match Address 10.0.0.0/8\n  AllowUsers alice\n").host()));
        assertThat(f.reason()).contains("AllowUsers only for connections matching Match Address 10.0.0.0/8");
    }

    @Test
    void skipsWithoutSshd() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorForAnInvalidMatchAddress() {
        Outcome o = check.evaluate(tree(dir, "Match Address 10.1.2.3/8\n AllowUsers a\n").host());
        assertThat(o.reason()).isEqualTo("/etc/ssh/sshd_config:1: Invalid Match address argument '10.1.2.3/8'");
    }
}
