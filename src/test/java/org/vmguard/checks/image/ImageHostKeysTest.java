package org.vmguard.checks.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class ImageHostKeysTest {

    @TempDir
    Path dir;

    final ImageHostKeys check = new ImageHostKeys();

    @Test
    void passesWhenOnlyPublicHostKeysRemain() {
        var t = new Tree(dir).file("/etc/ssh/sshd_config", "").file("/etc/ssh/ssh_host_ed25519_key.pub", "ssh-ed25519 AAAA\n");
        assertThat(Evaluate.on(check, t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsForEveryPrivateHostKey() {
        var t = new Tree(dir).file("/etc/ssh/ssh_host_ed25519_key", "-----BEGIN OPENSSH PRIVATE KEY-----\n")
                .file("/etc/ssh/ssh_host_rsa_key", "-----BEGIN OPENSSH PRIVATE KEY-----\n");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).extracting(e -> e.path())
                .containsExactly("/etc/ssh/ssh_host_ed25519_key", "/etc/ssh/ssh_host_rsa_key");
    }

    @Test
    void reportsInfoOnALiveHost() {
        var t = new Tree(dir).file("/etc/ssh/ssh_host_ed25519_key", "x");
        assertThat(Evaluate.on(check, t.liveHost())).isInstanceOf(Outcome.Info.class);
    }

    @Test
    void isAnErrorWhenEtcSshCannotBeResolved() {
        var t = new Tree(dir).symlink("/etc/ssh", "/etc/ssh");
        assertThat(Evaluate.on(check, t.host())).isInstanceOf(Outcome.Error.class);
    }
}
