package org.vmguard.checks.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class ImageAuthorizedKeysTest {

    @TempDir
    Path dir;

    final ImageAuthorizedKeys check = new ImageAuthorizedKeys();

    static final String PASSWD = "root:x:0:0:root:/root:/bin/bash\ndebian:x:1000:1000::/home/debian:/bin/bash\n";

    @Test
    void passesForACleanImageWithOnlyCommentsInAuthorizedKeys() {
        var t = new Tree(dir).file("/etc/passwd", PASSWD).file("/root/.ssh/authorized_keys", "# keys come from cloud-init\n\n");
        assertThat(Evaluate.on(check, t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsForAKeyLeftInAUsersHome() {
        var t = new Tree(dir).file("/etc/passwd", PASSWD)
                .file("/home/debian/.ssh/authorized_keys", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOx builder@laptop\n");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/home/debian/.ssh/authorized_keys");
            assertThat(e.text()).isEqualTo("1 key(s)");
        });
    }

    @Test
    void reportsInfoOnALiveHost() {
        var t = new Tree(dir).file("/etc/passwd", PASSWD).file("/root/.ssh/authorized_keys", "ssh-ed25519 AAAA x\n");
        assertThat(Evaluate.on(check, t.liveHost())).isInstanceOf(Outcome.Info.class);
    }

    @Test
    void isAnErrorWhenAHomeCannotBeResolved() {
        var t = new Tree(dir).file("/etc/passwd", PASSWD).symlink("/root", "/root");
        assertThat(Evaluate.on(check, t.host())).isInstanceOf(Outcome.Error.class);
    }
}
