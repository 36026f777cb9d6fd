package org.vmguard.facts.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.facts.Host;
import org.vmguard.target.RootfsTarget;
import org.vmguard.testing.Sshd;
import org.vmguard.testing.Tools;
import org.vmguard.testing.Tree;

/** Keys made by ssh-keygen: fingerprints must equal what ssh-keygen -l prints. */
class UnprotectedKeysTest {

    @TempDir
    Path dir;

    @Test
    void findsKeysWithoutAPassphraseInEveryHomeWithSshKeygensFingerprint() throws Exception {
        Tools.require("/usr/bin/ssh-keygen");
        Path plain = Sshd.keygen(dir.resolve("plain"));
        Path locked = Sshd.keygen(dir.resolve("locked"), "a passphrase");
        Path root = dir.resolve("root");
        new Tree(root).file("/etc/passwd", "root:x:0:0::/root:/bin/bash\nbob:x:1000:1000::/home/bob:/bin/bash\n")
                .bytes("/root/.ssh/id_ed25519", Files.readAllBytes(plain))
                .bytes("/home/bob/.ssh/locked", Files.readAllBytes(locked))
                .file("/home/bob/.ssh/authorized_keys", Files.readString(Path.of(plain + ".pub")))
                .file("/home/bob/.ssh/notes", "-----BEGIN OPENSSH PRIVATE KEY-----\ngarbage\n");
        UnprotectedKeys keys = new Host(new RootfsTarget(root)).fact(UnprotectedKeys.KEY);
        assertThat(keys.keys()).hasSize(1);
        assertThat(keys.keys().getFirst().path()).isEqualTo("/root/.ssh/id_ed25519");
        Process p = new ProcessBuilder("ssh-keygen", "-l", "-f", plain.toString()).start();
        String fp = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(fp).contains(keys.keys().getFirst().fingerprint());
        assertThat(keys.problems()).isEmpty();
    }
}
