package org.vmguard.checks.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.probe.Network.said;

import org.junit.jupiter.api.Test;
import org.vmguard.core.Outcome;
import org.vmguard.probe.DnsAnswer;
import org.vmguard.probe.Probed;

class ProbeDnsOpenResolverTest {

    final ProbeDnsOpenResolver check = new ProbeDnsOpenResolver();

    static final String Q = "dns 192.0.2.7:53 udp: www.example.com A, RD";

    @Test
    void failsWhenTheServerRecursesForAStranger() {
        var a = new DnsAnswer(0, "NOERROR", true, false, 1, "NOERROR, RA, 1 answer");
        Outcome o = check.evaluate(new Network().dns(Probed.seen(a, said(Q, "NOERROR, RA, 1 answer: www.example.com. 300 A 192.0.2.80"))).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence().getFirst().command()).isEqualTo(Q);
    }

    @Test
    void passesWhenItRefuses() {
        var a = new DnsAnswer(5, "REFUSED", false, false, 0, "REFUSED");
        Outcome o = check.evaluate(new Network().dns(Probed.seen(a, said(Q, "REFUSED"))).host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("REFUSED");
    }

    @Test
    void skipsWhenNothingAnswersAndIsAnErrorOnGarbage() {
        assertThat(check.evaluate(new Network().dns(Probed.absent("udp/53: port unreachable")).host()))
                .isInstanceOf(Outcome.Skip.class);
        assertThat(check.evaluate(new Network().dns(Probed.failed("answer with another query id")).host()))
                .isInstanceOf(Outcome.Error.class);
    }
}
