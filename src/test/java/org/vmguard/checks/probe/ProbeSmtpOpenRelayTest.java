package org.vmguard.checks.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.probe.Network.said;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vmguard.core.Outcome;
import org.vmguard.probe.Probed;
import org.vmguard.probe.SmtpDialogue;

class ProbeSmtpOpenRelayTest {

    final ProbeSmtpOpenRelay check = new ProbeSmtpOpenRelay();

    @Test
    void failsWhenARecipientElsewhereIsAccepted() {
        var d = new SmtpDialogue(List.of("RCPT TO:<probe@example.net>", "250 2.1.5 Ok"), 250);
        Outcome o = check.evaluate(new Network().smtp(Probed.seen(d, said("smtp 192.0.2.7:25", "RCPT TO:<probe@example.net> -> 250 2.1.5 Ok"))).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("answered 250");
    }

    @Test
    void passesWhenRelayingIsRefused() {
        var d = new SmtpDialogue(List.of("554 5.7.1 Relay access denied"), 554);
        assertThat(check.evaluate(new Network().smtp(Probed.seen(d, said("smtp", "554"))).host()))
                .isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void skipsWithoutAMailServer() {
        assertThat(check.evaluate(new Network().smtp(Probed.absent("tcp/25: connection refused")).host()))
                .isInstanceOf(Outcome.Skip.class);
    }
}
