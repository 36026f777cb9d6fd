package org.vmguard.checks.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.ssh.SshFixture.failed;
import static org.vmguard.checks.ssh.SshFixture.tree;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class SshPasswordAuthTest {

    @TempDir
    Path dir;

    final SshPasswordAuth check = new SshPasswordAuth();

    @Test
    void passesWhenPasswordsAreOffEverywhere() {
        var host = tree(dir, "PasswordAuthentication no\n").host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("from /etc/ssh/sshd_config:1");
    }

    @Test
    void failsOnOpensshsDefaultAndSaysSo() {
        var host = tree(dir, "# nothing set\n").host();
        var f = failed(check.evaluate(host));
        assertThat(f.reason()).contains("PasswordAuthentication yes by OpenSSH 9.2's default (no line sets it), for every connection");
        assertThat(f.evidence()).singleElement().satisfies(e -> assertThat(e.path()).isNull());
    }

    @Test
    void failsWhenAnEarlierDropInWinsAndNamesTheShadowedLine() {
        var host = tree(dir, """
                Include /etc/ssh/sshd_config.d/*.conf
                UsePAM yes
                PasswordAuthentication no
                """).file("/etc/ssh/sshd_config.d/50-cloud-init.conf", "PasswordAuthentication yes\n").host();
        var f = failed(check.evaluate(host));
        assertThat(f.reason()).contains("PasswordAuthentication yes from /etc/ssh/sshd_config.d/50-cloud-init.conf:1 "
                + "wins over /etc/ssh/sshd_config:3");
        assertThat(f.evidence()).extracting(e -> e.path() + ":" + e.line()).containsExactly(
                "/etc/ssh/sshd_config.d/50-cloud-init.conf:1", "/etc/ssh/sshd_config:3");
    }

    @Test
    void failsWhenMatchBlockEnablesPasswords() {
        var host = tree(dir, """
                PasswordAuthentication no
                Match User alice
                    PasswordAuthentication yes
                """).host();
        var f = failed(check.evaluate(host));
        assertThat(f.reason()).contains("PasswordAuthentication yes for connections matching Match User alice at "
                + "/etc/ssh/sshd_config:2");
        assertThat(f.evidence()).extracting(e -> e.line()).contains(3, 2, 1);
    }

    @Test
    void failsWhenCloudInitWillTurnPasswordsOn() {
        var host = tree(dir, """
                Include /etc/ssh/sshd_config.d/*.conf
                PasswordAuthentication no
                """).file("/etc/cloud/cloud.cfg", "users: [default]\n")
                .file("/etc/cloud/cloud.cfg.d/90-pw.cfg", "ssh_pwauth: true  # vendor\n").host();
        var f = failed(check.evaluate(host));
        assertThat(f.reason()).contains("/etc/ssh/sshd_config.d/50-cloud-init.conf:1")
                .contains("after cloud-init applies ssh_pwauth from /etc/cloud/cloud.cfg.d/90-pw.cfg:1");
        assertThat(f.evidence()).extracting(e -> e.path()).contains("/etc/cloud/cloud.cfg.d/90-pw.cfg");
    }

    @Test
    void passesWhenCloudInitWouldTurnThemOffAndNothingTurnsThemOn() {
        var host = tree(dir, "Include /etc/ssh/sshd_config.d/*.conf\nPasswordAuthentication no\n")
                .file("/etc/cloud/cloud.cfg", "ssh_pwauth: false\n").host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void skipsWhenSshdIsNotInstalled() {
        var host = new Tree(dir).dir("/etc").host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Skip.class);
        assertThat(o.reason()).contains("not installed");
    }

    @Test
    void isAnErrorNamingFileAndLineWhenSshdWouldRefuseTheConfiguration() {
        var host = tree(dir, "Port 22\nPasswordAuthentication maybe\n").host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).startsWith("/etc/ssh/sshd_config:2: ").contains("maybe");
    }
}
