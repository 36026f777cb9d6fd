package org.vmguard.checks.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.facts.Host;
import org.vmguard.target.RootfsTarget;
import org.vmguard.testing.Tools;
import org.vmguard.testing.Tree;

class KeyUnprotectedTest {

    @TempDir
    Path dir;

    @TempDir
    Path keys;

    final KeyUnprotected check = new KeyUnprotected();

    /** A real ed25519 key made by ssh-keygen, as text. */
    String key(String passphrase) throws IOException, InterruptedException {
        Path keygen = Tools.require("/usr/bin/ssh-keygen");
        Path f = keys.resolve("k" + System.nanoTime());
        Process p = new ProcessBuilder(keygen.toString(), "-q", "-t", "ed25519", "-N", passphrase, "-C", "t", "-f",
                f.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return Files.readString(f);
    }

    static final String PASSWD = """
            root:x:0:0::/root:/bin/bash
            alice:x:1000:1000::/home/alice:/bin/bash
            deploy:x:998:998::/srv/deploy:/bin/bash
            nobody:x:65534:65534::/nonexistent:/usr/sbin/nologin
            """;

    @Test
    void passesWhenEveryKeyHasAPassphrase() throws Exception {
        var host = new Tree(dir).file("/etc/passwd", PASSWD)
                .file("/home/alice/.ssh/id_ed25519", key("correct horse"))
                .file("/home/alice/.ssh/id_ed25519.pub", "ssh-ed25519 AAAA t\n")
                .file("/home/alice/.ssh/known_hosts", "h ssh-ed25519 AAAA\n").host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("1 private key(s), all with a passphrase", "examined in /home/alice");
    }

    @Test
    void failsForKeysWithoutAPassphraseInSshDirsKeyNamedFilesAndPasswdHomes() throws Exception {
        String bare = key("");
        var host = new Tree(dir).file("/etc/passwd", PASSWD)
                .file("/root/.ssh/backup", bare)
                .file("/home/alice/projects/site/server.key", bare)
                .file("/home/alice/projects/notes.txt", bare)
                .file("/srv/deploy/.ssh/id_deploy", bare).host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).extracting(e -> e.path() + ":" + e.line()).containsExactlyInAnyOrder(
                "/root/.ssh/backup:1", "/home/alice/projects/site/server.key:1", "/srv/deploy/.ssh/id_deploy:1");
        assertThat(o.evidence()).allSatisfy(e -> assertThat(e.text()).contains("cipher none: no passphrase")
                .doesNotContain("AAAA"));
    }

    @Test
    void aBoundedSearchSaysWhereItStopped() throws Exception {
        var host = new Tree(dir).file("/etc/passwd", PASSWD)
                .file("/home/alice/a/b/c/d/e/id_rsa", key("")).host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("search limited: 1 directory below depth 3 of /home/alice not searched (/home/alice/a/b/c/d)");
    }

    @Test
    void anUnreadableHomeIsAnErrorUnlessAKeyAlreadyFails() throws Exception {
        Tree t = new Tree(dir).file("/etc/passwd", PASSWD).dir("/root/.ssh").file("/home/alice/.ssh/id_ed25519",
                key("correct horse"));
        Host denied = new Host(new RootfsTarget(dir) {
            @Override
            public List<String> list(String d) throws IOException {
                if (d.equals("/root")) {
                    throw new AccessDeniedException(d, null, "permission denied");
                }
                return super.list(d);
            }
        }, () -> Tree.NOW);
        Outcome o = check.evaluate(denied);
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/root: permission denied");

        t.file("/home/alice/.ssh/id_other", key(""));
        Host again = new Host(new RootfsTarget(dir) {
            @Override
            public List<String> list(String d) throws IOException {
                if (d.equals("/root")) {
                    throw new AccessDeniedException(d, null, "permission denied");
                }
                return super.list(d);
            }
        }, () -> Tree.NOW);
        assertThat(check.evaluate(again)).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void passesOnAHostWithoutHomes() {
        var host = new Tree(dir).file("/etc/passwd", "root:x:0:0::/root:/bin/bash\n").host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsForAKeyInASshDirectoryThatIsASymlink() throws Exception {
        // ~/.ssh kept elsewhere (a dotfiles manager, a data volume) is searched like ~/.ssh itself
        var host = new Tree(dir).file("/etc/passwd", PASSWD)
                .file("/data/alice-ssh/id_ed25519", key(""))
                .symlink("/home/alice/.ssh", "/data/alice-ssh").host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).extracting(e -> e.path() + ":" + e.line()).containsExactly("/home/alice/.ssh/id_ed25519:1");
    }
}
