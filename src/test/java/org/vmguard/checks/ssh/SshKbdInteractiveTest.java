package org.vmguard.checks.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.ssh.SshFixture.failed;
import static org.vmguard.checks.ssh.SshFixture.tree;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class SshKbdInteractiveTest {

    @TempDir
    Path dir;

    final SshKbdInteractive check = new SshKbdInteractive();

    @Test
    void passesWhenUsePamIsOffByDefault() {
        Outcome o = check.evaluate(tree(dir, "KbdInteractiveAuthentication yes\n").host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("UsePAM no");
    }

    @Test
    void passesWhenKeyboardInteractiveIsOffWithPam() {
        var host = tree(dir, "UsePAM yes\nKbdInteractiveAuthentication no\n").host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsWithPamOnTheDefault() {
        var f = failed(check.evaluate(tree(dir, "UsePAM yes\n").host()));
        assertThat(f.reason()).contains("KbdInteractiveAuthentication yes by OpenSSH 9.2's default")
                .contains("UsePAM yes from /etc/ssh/sshd_config:1");
    }

    @Test
    void treatsChallengeResponseAsTheSameOptionSince87AndFirstValueWins() {
        var host = tree(dir, """
                UsePAM yes
                ChallengeResponseAuthentication yes
                KbdInteractiveAuthentication no
                """).host();
        var f = failed(check.evaluate(host));
        assertThat(f.reason()).contains("from /etc/ssh/sshd_config:2 wins over /etc/ssh/sshd_config:3");
    }

    @Test
    void judgesChallengeResponseSeparatelyBefore87() {
        var host = tree(dir, "UsePAM yes\nKbdInteractiveAuthentication no\n")
                .file("/var/lib/dpkg/status", """
                        Package: openssh-server
                        Status: install ok installed
                        Version: 1:8.4p1-5+deb11u3

                        """).host();
        var f = failed(check.evaluate(host));
        assertThat(f.reason()).contains("ChallengeResponseAuthentication yes by OpenSSH 8.4's default");
    }

    @Test
    void failsWhenAMatchBlockTurnsItOn() {
        var host = tree(dir, "UsePAM yes\nKbdInteractiveAuthentication no\nMatch Address 10.0.0.0/8\n"
                + "  KbdInteractiveAuthentication yes\n").host();
        assertThat(failed(check.evaluate(host)).reason()).contains("Match Address 10.0.0.0/8 at /etc/ssh/sshd_config:3");
    }

    @Test
    void skipsWithoutSshd() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorForAKeywordSshdRejects() {
        Outcome o = check.evaluate(tree(dir, "UsePAM yes\nKbdInteractive yes\n").host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/ssh/sshd_config:2").contains("Bad configuration option");
    }
}
