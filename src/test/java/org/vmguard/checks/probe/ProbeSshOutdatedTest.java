package org.vmguard.checks.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.probe.Network.said;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vmguard.core.Outcome;
import org.vmguard.probe.Probed;
import org.vmguard.probe.SshServer;

class ProbeSshOutdatedTest {

    final ProbeSshOutdated check = new ProbeSshOutdated();

    static Outcome banner(String banner) {
        var s = new SshServer(banner, List.of("curve25519-sha256"), List.of("ssh-ed25519"),
                List.of("aes256-gcm@openssh.com"), List.of("hmac-sha2-256-etm@openssh.com"));
        return new ProbeSshOutdated().evaluate(new Network().ssh(Probed.seen(s, said("ssh 192.0.2.7:22 (banner)", banner))).host());
    }

    @Test
    void failsOnAnUnpatchedRegresshionRelease() {
        Outcome o = banner("SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13");
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).startsWith("OpenSSH_9.6p1 Ubuntu-3ubuntu13 has");
        assertThat(o.evidence()).anyMatch(e -> e.text().contains("CVE-2024-6387"));
    }

    @Test
    void passesOnTheSameReleaseWithTheDistributionsFix() {
        assertThat(banner("SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13.8")).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void skipsWhenTheBannerNamesNoOpenSshRelease() {
        assertThat(banner("SSH-2.0-dropbear_2022.83")).isInstanceOf(Outcome.Skip.class);
        assertThat(banner("SSH-2.0-OpenSSH")).isInstanceOf(Outcome.Skip.class);
    }
}
