package org.vmguard.checks.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.probe.Network.said;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.probe.Probed;
import org.vmguard.probe.SshServer;

class ProbeSshWeakCryptoTest {

    final ProbeSshWeakCrypto check = new ProbeSshWeakCrypto();

    static final SshServer MODERN = new SshServer("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3",
            List.of("sntrup761x25519-sha512@openssh.com", "curve25519-sha256"), List.of("ssh-ed25519", "rsa-sha2-512"),
            List.of("chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com"), List.of("hmac-sha2-256-etm@openssh.com"));

    @Test
    void failsOnAWeakCipherAndKexNamingEach() {
        var weak = new SshServer(MODERN.banner(), List.of("curve25519-sha256", "diffie-hellman-group1-sha1"),
                MODERN.hostKeys(), List.of("aes256-gcm@openssh.com", "3des-cbc"), MODERN.macs());
        Outcome o = check.evaluate(new Network().ssh(Probed.seen(weak, said("ssh 192.0.2.7:22 (kexinit)", "…"))).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).map(Evidence::text)
                .anyMatch(t -> t.startsWith("kex diffie-hellman-group1-sha1: "))
                .anyMatch(t -> t.startsWith("cipher 3des-cbc: "));
        assertThat(o.evidence()).map(Evidence::text).noneMatch(t -> t.contains("curve25519"));
    }

    @Test
    void passesOnTheAlgorithmsOfACurrentOpenSsh() {
        Outcome o = check.evaluate(new Network().ssh(Probed.seen(MODERN, said("ssh", "…"))).host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("none of the 7 algorithms");
    }

    @Test
    void skipsWithoutAnSshServer() {
        assertThat(check.evaluate(new Network().ssh(Probed.absent("tcp/22: connection refused")).host()))
                .isInstanceOf(Outcome.Skip.class);
    }
}
