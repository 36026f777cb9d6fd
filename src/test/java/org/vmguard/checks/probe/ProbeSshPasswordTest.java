package org.vmguard.checks.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.probe.Network.said;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vmguard.core.Outcome;
import org.vmguard.probe.Probed;

class ProbeSshPasswordTest {

    final ProbeSshPassword check = new ProbeSshPassword();

    @Test
    void failsWhenTheServerOffersPasswords() {
        var host = new Network().sshAuth(Probed.seen(List.of("publickey", "password"),
                said("ssh 192.0.2.7:22 (userauth none)", "methods: publickey,password"))).host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("offers password authentication");
        assertThat(o.evidence().getFirst().text()).isEqualTo("methods: publickey,password");
    }

    @Test
    void failsOnKeyboardInteractiveToo() {
        var host = new Network().sshAuth(Probed.seen(List.of("publickey", "keyboard-interactive"),
                said("ssh", "methods: publickey,keyboard-interactive"))).host();
        assertThat(check.evaluate(host).reason()).contains("keyboard-interactive");
    }

    @Test
    void passesWhenOnlyKeysAreOffered() {
        var host = new Network().sshAuth(Probed.seen(List.of("publickey"), said("ssh", "methods: publickey"))).host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).isNotEmpty();
    }

    @Test
    void skipsWhenNoSshServerAnswersAndIsAnErrorWhenItCannotTell() {
        assertThat(check.evaluate(new Network().sshAuth(Probed.absent("tcp/22: connection refused")).host()))
                .isEqualTo(Outcome.skip("tcp/22: connection refused"));
        assertThat(check.evaluate(new Network().sshAuth(Probed.failed("reset during key exchange")).host()))
                .isEqualTo(Outcome.error("reset during key exchange"));
    }
}
