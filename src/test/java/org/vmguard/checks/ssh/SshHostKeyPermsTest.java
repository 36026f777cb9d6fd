package org.vmguard.checks.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.ssh.SshFixture.failed;
import static org.vmguard.checks.ssh.SshFixture.tree;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class SshHostKeyPermsTest {

    @TempDir
    Path dir;

    final SshHostKeyPerms check = new SshHostKeyPerms();

    // tests run as whoever builds: the owner check needs root, so owner-independent cases come first
    @Test
    void failsWhenAKeyIsWorldReadable() {
        var host = tree(dir, "HostKey /etc/ssh/ssh_host_ed25519_key\n")
                .file("/etc/ssh/ssh_host_ed25519_key", "KEY\n").mode("/etc/ssh/ssh_host_ed25519_key", "rw-r--r--")
                .host();
        var f = failed(check.evaluate(host));
        assertThat(f.evidence()).singleElement().satisfies(e ->
                assertThat(e.path()).isEqualTo("/etc/ssh/ssh_host_ed25519_key"));
        assertThat(f.reason()).contains("mode 0644");
    }

    @Test
    void passesForRootOwnedMode600Keys() {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.vmguard.testing.Tools.isRoot(), "key files owned by root");
        var host = tree(dir, "\n").file("/etc/ssh/ssh_host_ed25519_key", "KEY\n")
                .mode("/etc/ssh/ssh_host_ed25519_key", "rw-------").host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void judgesOwnerGroupAndModeRules() {
        var none = org.vmguard.facts.sshd.EtcGroup.parse("/etc/group", "root:x:0:\nssh_keys:x:998:\nadm:x:4:alice\n");
        assertThat(SshHostKeyPerms.problem(key(0600, 0, 0, "root"), none)).isNull();
        assertThat(SshHostKeyPerms.problem(key(0640, 0, 998, "ssh_keys"), none)).isNull();
        assertThat(SshHostKeyPerms.problem(key(0640, 0, 4, "adm"), none)).contains("readable by group adm");
        assertThat(SshHostKeyPerms.problem(key(0600, 1000, 0, "root"), none)).contains("uid 1000");
    }

    private static org.vmguard.facts.sshd.SshdHostKeys.Key key(int mode, int uid, int gid, String group) {
        return new org.vmguard.facts.sshd.SshdHostKeys.Key("/etc/ssh/k", true, mode, uid, gid, group);
    }

    @Test
    void skipsWhenNoHostKeyExistsYet() {
        Outcome o = check.evaluate(tree(dir, "\n").host());
        assertThat(o).isInstanceOf(Outcome.Skip.class);
        assertThat(o.reason()).contains("generated at first boot");
    }

    @Test
    void skipsWithoutSshd() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorWhenHostKeySitsInAMatchBlock() {
        Outcome o = check.evaluate(tree(dir, "Match User alice\n  HostKey /etc/ssh/k\n").host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/ssh/sshd_config:2");
    }
}
