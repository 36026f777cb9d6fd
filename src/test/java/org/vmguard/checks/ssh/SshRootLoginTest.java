package org.vmguard.checks.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.ssh.SshFixture.failed;
import static org.vmguard.checks.ssh.SshFixture.tree;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.testing.Tree;

class SshRootLoginTest {

    @TempDir
    Path dir;

    final SshRootLogin check = new SshRootLogin();

    @Test
    void passesWhenRootMayNotLogIn() {
        assertThat(check.evaluate(tree(dir, "PermitRootLogin no\n").host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsHighWhenRootMayUsePasswords() {
        var f = failed(check.evaluate(tree(dir, "PermitRootLogin yes\n").host()));
        assertThat(f.severity()).isNull(); // the check's own: high
        assertThat(f.reason()).contains("PermitRootLogin yes from /etc/ssh/sshd_config:1");
    }

    @Test
    void failsMediumOnTheProhibitPasswordDefault() {
        var f = failed(check.evaluate(tree(dir, "\n").host()));
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.reason()).contains("PermitRootLogin prohibit-password by OpenSSH 9.2's default");
    }

    @Test
    void failsMediumForTheOldSpellingWithoutPassword() {
        var f = failed(check.evaluate(tree(dir, "PermitRootLogin without-password\n").host()));
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void failsHighWhenAMatchBlockForRootsGroupAllowsIt() {
        var f = failed(check.evaluate(tree(dir, """
                PermitRootLogin no
                Match Group wheel Address 10.0.0.0/8
                  PermitRootLogin yes
                """).host()));
        assertThat(f.severity()).isNull();
        assertThat(f.reason()).contains("Match Group wheel Address 10.0.0.0/8 at /etc/ssh/sshd_config:2");
    }

    @Test
    void passesWhenTheOnlyMatchBlockCannotApplyToRoot() {
        var host = tree(dir, "PermitRootLogin no\nMatch User alice\n  PermitRootLogin yes\nMatch Group staff\n"
                + "  PermitRootLogin yes\n").host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void usesPermitRootLoginYesBeforeOpenssh70() {
        var host = tree(dir, "\n").file("/var/lib/dpkg/status",
                "Package: openssh-server\nStatus: install ok installed\nVersion: 1:6.6p1-4\n\n").host();
        var f = failed(check.evaluate(host));
        assertThat(f.severity()).isNull();
        assertThat(f.reason()).contains("OpenSSH 6.6's default");
    }

    @Test
    void skipsWithoutSshd() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorForABadValue() {
        Outcome o = check.evaluate(tree(dir, "PermitRootLogin sometimes\n").host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/ssh/sshd_config:1");
    }
}
