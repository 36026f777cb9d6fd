package org.vmguard.checks.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.probe.Network.said;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.probe.Probed;
import org.vmguard.probe.TlsServer;

class ProbeWeakTlsTest {

    final ProbeWeakTls check = new ProbeWeakTls();

    static final Instant NOW = Instant.now();

    static TlsServer server(List<String> protocols, List<String> names, Instant notAfter, boolean selfSigned) {
        return new TlsServer(protocols, "CN=" + names.getFirst(), names, NOW.minus(30, ChronoUnit.DAYS), notAfter, selfSigned);
    }

    static Probed<TlsServer> seen(TlsServer s) {
        return Probed.seen(s, said("tls 192.0.2.7:443", "certificate " + s.subject()));
    }

    @Test
    void failsOnTls10AndAnExpiredCertificate() {
        var s = server(List.of("TLSv1", "TLSv1.2"), List.of("vm.example.org"), NOW.minus(2, ChronoUnit.DAYS), false);
        Outcome o = check.evaluate(new Network().open(443).tls(443, seen(s)).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).map(Evidence::text)
                .anyMatch(t -> t.startsWith("tcp/443 accepts TLSv1 "))
                .anyMatch(t -> t.contains("expired"));
    }

    @Test
    void failsOnASelfSignedCertificateForAnotherName() {
        var s = server(List.of("TLSv1.2", "TLSv1.3"), List.of("localhost"), NOW.plus(300, ChronoUnit.DAYS), true);
        Outcome o = check.evaluate(new Network().open(993).tls(993, seen(s)).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence().getFirst().text()).contains("self-signed certificate for localhost, not for vm.example.org");
    }

    @Test
    void passesOnModernProtocolsAndAFittingCertificate() {
        var s = server(List.of("TLSv1.2", "TLSv1.3"), List.of("vm.example.org"), NOW.plus(60, ChronoUnit.DAYS), false);
        Outcome o = check.evaluate(new Network().open(443).tls(443, seen(s)).host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("tcp/443 (TLSv1.2, TLSv1.3)");
    }

    @Test
    void skipsWhenNoTlsPortIsOpenAndIsAnErrorWhenAHandshakeCannotBeJudged() {
        assertThat(check.evaluate(new Network().open(22).host())).isInstanceOf(Outcome.Skip.class);
        assertThat(check.evaluate(new Network().open(443).tls(443, Probed.failed("reset after ClientHello")).host()))
                .isInstanceOf(Outcome.Error.class);
    }
}
