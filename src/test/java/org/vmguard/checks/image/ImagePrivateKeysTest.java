package org.vmguard.checks.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class ImagePrivateKeysTest {

    @TempDir
    Path dir;

    final ImagePrivateKeys check = new ImagePrivateKeys();

    @Test
    void passesWhenOnlyPublicKeysAndKnownHostsRemain() {
        var t = new Tree(dir).file("/root/.ssh/id_ed25519.pub", "ssh-ed25519 AAAA\n").file("/root/.ssh/known_hosts", "h ssh-ed25519 AAAA\n");
        assertThat(Evaluate.on(check, t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsForPemOpensshAndPuttyKeysWhateverTheirNames() {
        var t = new Tree(dir).file("/etc/passwd", "root:x:0:0::/root:/bin/bash\nu:x:1000:1000::/srv/u:/bin/sh\n")
                .file("/root/.ssh/id_ed25519", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n")
                .file("/srv/u/.ssh/deploy", "-----BEGIN RSA PRIVATE KEY-----\nMII\n")
                .file("/srv/u/.ssh/work.ppk", "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).extracting(e -> e.path())
                .containsExactlyInAnyOrder("/root/.ssh/id_ed25519", "/srv/u/.ssh/deploy", "/srv/u/.ssh/work.ppk");
    }

    @Test
    void reportsInfoOnALiveHost() {
        assertThat(Evaluate.on(check, new Tree(dir).dir("/root").liveHost())).isInstanceOf(Outcome.Info.class);
    }

    @Test
    void isAnErrorWhenAnSshDirectoryCannotBeResolved() {
        var t = new Tree(dir).symlink("/root/.ssh", "/root/.ssh");
        assertThat(Evaluate.on(check, t.host())).isInstanceOf(Outcome.Error.class);
    }
}
