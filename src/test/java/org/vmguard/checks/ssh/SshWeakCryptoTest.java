package org.vmguard.checks.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.ssh.SshFixture.failed;
import static org.vmguard.checks.ssh.SshFixture.tree;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class SshWeakCryptoTest {

    @TempDir
    Path dir;

    final SshWeakCrypto check = new SshWeakCrypto();

    @Test
    void passesOnOpenssh92Defaults() {
        assertThat(check.evaluate(tree(dir, "\n").host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsWhenAPlusListAddsCbc() {
        var f = failed(check.evaluate(tree(dir, "Ciphers +aes256-cbc\n").host()));
        assertThat(f.reason()).contains("Ciphers enables aes256-cbc (CBC mode").contains("/etc/ssh/sshd_config:1");
    }

    @Test
    void passesWhenAMinusListRemovesTheWeakOnes() {
        assertThat(check.evaluate(tree(dir, "KexAlgorithms -diffie-hellman-group*\n").host()))
                .isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsOnSshRsaInTheDefaultsBeforeOpenssh88() {
        var host = tree(dir, "\n").file("/var/lib/dpkg/status",
                "Package: openssh-server\nStatus: install ok installed\nVersion: 1:8.2p1-4ubuntu0.11\n\n").host();
        var f = failed(check.evaluate(host));
        assertThat(f.reason()).contains("HostKeyAlgorithms enables").contains("ssh-rsa (RSA signatures with SHA-1")
                .contains("the default of OpenSSH 8.2");
    }

    @Test
    void failsWhenAMatchBlockAcceptsSshRsaKeys() {
        var f = failed(check.evaluate(tree(dir, "Match User legacy\n  PubkeyAcceptedAlgorithms +ssh-rsa\n").host()));
        assertThat(f.reason()).contains("PubkeyAcceptedAlgorithms for connections matching Match User legacy");
    }

    @Test
    void skipsWithoutSshd() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorForAnUnknownCipher() {
        Outcome o = check.evaluate(tree(dir, "Ciphers aes128-ctr,rot13\n").host());
        assertThat(o.reason()).isEqualTo("/etc/ssh/sshd_config:1: Bad Ciphers spec 'aes128-ctr,rot13'");
    }
}
