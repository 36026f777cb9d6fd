package org.vmguard.facts.sshd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.checks.ssh.SshChecks;
import org.vmguard.core.Check;
import org.vmguard.core.Outcome;
import org.vmguard.core.TargetKind;
import org.vmguard.facts.Host;
import org.vmguard.target.ExecResult;
import org.vmguard.target.FileStat;
import org.vmguard.target.LocalTarget;
import org.vmguard.target.RootfsTarget;
import org.vmguard.target.Target;
import org.vmguard.testing.Tools;
import org.vmguard.testing.Tree;

/**
 * The live cross-check with the real sshd: a tree's files seen as a running host whose
 * {@code sshd -T} is this machine's sshd pointed at the tree's configuration (and, when given,
 * a host key of the test's own). Group lookups differ on purpose in some cases: sshd resolves
 * groups through this machine's database, we through the tree's, which makes a real
 * disagreement to report.
 */
class SshdCrossCheckTest {

    @TempDir
    Path dir;

    Path hostKey;

    @BeforeEach
    void sshd() throws Exception {
        Tools.require("/usr/sbin/sshd");
        if (Tools.isRoot()) {
            Files.createDirectories(Path.of("/run/sshd"));
        }
        hostKey = Files.createTempDirectory("vmguard-hk").resolve("k");
        org.vmguard.testing.Sshd.keygen(hostKey);
    }

    /** The tree's files, this machine's sshd run on the tree's sshd_config. */
    record LiveTree(RootfsTarget files, Path root, Path hostKey) implements Target {
        @Override
        public TargetKind kind() {
            return TargetKind.LOCAL;
        }

        @Override
        public String name() {
            return "live-tree";
        }

        @Override
        public Optional<byte[]> read(String path) throws IOException {
            return files.read(path);
        }

        @Override
        public List<String> list(String d) throws IOException {
            return files.list(d);
        }

        @Override
        public Optional<FileStat> stat(String path) throws IOException {
            return files.stat(path);
        }

        @Override
        public Optional<String> readLink(String path) throws IOException {
            return files.readLink(path);
        }

        @Override
        public boolean canExec() {
            return true;
        }

        @Override
        public ExecResult exec(List<String> argv, Duration timeout) throws IOException {
            List<String> a = new ArrayList<>();
            for (String s : argv) {
                a.add(s.equals("/etc/ssh/sshd_config") ? root.resolve("etc/ssh/sshd_config").toString() : s);
            }
            if (hostKey != null) {
                a.add("-h");
                a.add(hostKey.toString());
            }
            return new LocalTarget().exec(a, timeout);
        }
    }

    private Host live(Tree tree, boolean withKey) {
        return new Host(new LiveTree(new RootfsTarget(tree.root()), tree.root(), withKey ? hostKey : null));
    }

    private Tree tree(String config, String group) {
        return new Tree(dir).file("/etc/ssh/sshd_config", config).file("/usr/sbin/sshd", "OpenSSH_9.2\n")
                .file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n").file("/etc/group", group);
    }

    private Outcome run(Host host, String id) {
        Check<Host> c = SshChecks.all().stream().filter(x -> x.info().id().equals(id)).findFirst().orElseThrow();
        return c.evaluate(host);
    }

    @Test
    void saysWhenSshdAgrees() {
        Host host = live(tree("PasswordAuthentication no\nMatch User root\n  X11Forwarding yes\n", "root:x:0:\n"), true);
        SshdCrossCheck x = host.fact(SshdCrossCheck.KEY);
        assertThat(x.ran()).as(x.notRun()).isTrue();
        // -h (the test's own key) replaces the configured host keys, so only they may differ
        assertThat(x.disagreements()).containsOnlyKeys("hostkey");
        assertThat(run(host, "ssh.password-auth").reason()).endsWith("(sshd -T agrees)");
    }

    @Test
    void reportsADisagreementInTheFailure() {
        Host host = live(tree("PasswordAuthentication no\nMatch Group vmguardtest\n  PasswordAuthentication yes\n",
                "root:x:0:\nvmguardtest:x:4242:root\n"), true);
        Outcome o = run(host, "ssh.password-auth");
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("sshd -T disagrees").contains("PasswordAuthentication: we computed yes, sshd -T "
                + "printed no");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.command()).startsWith("/usr/sbin/sshd -T -f "));
    }

    @Test
    void turnsAPassItCannotConfirmIntoAnError() {
        // the tree's root is not in a group called root; this machine's root is
        Host host = live(tree("PermitRootLogin no\nMatch Group root\n  PermitRootLogin yes\n", "wheel0:x:0:\n"), true);
        Outcome o = run(host, "ssh.root-login");
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("PermitRootLogin: we computed no, sshd -T printed yes")
                .contains("cannot be confirmed");
    }

    @Test
    void saysWhenTheCrossCheckCouldNotRunAndStillJudges() {
        Host host = live(tree("PasswordAuthentication no\nHostKey /nonexistent/key\n", "root:x:0:\n"), false);
        Outcome o = run(host, "ssh.password-auth");
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("(sshd -T cross-check did not run: /usr/sbin/sshd -T -f");
    }

    @Test
    void neverRunsOnAnOfflineImage() {
        Host host = tree("PasswordAuthentication no\n", "root:x:0:\n").host();
        assertThat(host.fact(SshdCrossCheck.KEY).notRun()).contains("offline image");
        assertThat(run(host, "ssh.password-auth").reason()).doesNotContain("sshd -T");
    }
}
