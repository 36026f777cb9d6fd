package org.vmguard.checks.probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.probe.NetworkHost;
import org.vmguard.probe.Probed;
import org.vmguard.probe.TlsServer;

public final class ProbeWeakTls implements Check<NetworkHost> {

    static final CheckInfo INFO = CheckInfo.network("probe.weak-tls",
            "TLS services accept only TLS 1.2+ and present a valid certificate for their name", Severity.MEDIUM,
            "TLS 1.0 and 1.1 were retired by RFC 8996 (weak hashes, downgrade attacks); an expired certificate, "
                    + "or a self-signed one made for another name, teaches users to click through warnings, "
                    + "which is all a man in the middle needs. The probe handshakes with each TLS port that is "
                    + "open (443, 465, 636, 853, 993, 995, 8443) once per protocol version.",
            "Allow TLS 1.2 and 1.3 only (Apache: SSLProtocol -all +TLSv1.2 +TLSv1.3; nginx: ssl_protocols "
                    + "TLSv1.2 TLSv1.3; Postfix: smtpd_tls_protocols = >=TLSv1.2) and get a certificate for the "
                    + "host's name from Let's Encrypt (certbot), renewed automatically.",
            "RFC 8996", "Mozilla Server Side TLS (intermediate)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(NetworkHost host) {
        return Answers.judge(host.openTcp(NetworkHost.TLS_PORTS), ports -> {
            List<Evidence> bad = new ArrayList<>();
            List<Evidence> seen = new ArrayList<>();
            List<String> good = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            Instant now = Instant.now();
            for (int port : ports.value()) {
                switch (host.tls(port)) {
                    case Probed.Seen<TlsServer> s -> {
                        TlsServer t = s.value();
                        int before = bad.size();
                        for (String old : List.of("TLSv1", "TLSv1.1")) {
                            if (t.protocolsAccepted().contains(old)) {
                                bad.add(Evidence.note("tcp/" + port + " accepts " + old + " (accepted: "
                                        + String.join(", ", t.protocolsAccepted()) + ")"));
                            }
                        }
                        if (t.expired(now)) {
                            bad.add(Evidence.note("tcp/" + port + ": the certificate of " + t.subject() + " expired on "
                                    + t.notAfter()));
                        }
                        if (t.selfSigned() && !t.nameMatches(host.name())) {
                            bad.add(Evidence.note("tcp/" + port + ": a self-signed certificate for "
                                    + (t.names().isEmpty() ? t.subject() : String.join(", ", t.names()))
                                    + ", not for " + host.name()));
                        }
                        seen.addAll(s.evidence());
                        if (bad.size() == before) {
                            good.add("tcp/" + port + " (" + String.join(", ", t.protocolsAccepted()) + ")");
                        }
                    }
                    case Probed.Absent<TlsServer> a -> { // open, but not TLS from the first byte
                    }
                    case Probed.Failed<TlsServer> f -> errors.add("tcp/" + port + ": " + f.reason());
                }
            }
            if (!bad.isEmpty()) {
                List<Evidence> all = new ArrayList<>(bad);
                all.addAll(seen);
                return Outcome.fail(bad.size() + " TLS weakness(es) on " + host.name(), all);
            }
            if (!errors.isEmpty()) {
                return Outcome.error("could not handshake with " + String.join("; ", errors));
            }
            if (good.isEmpty()) {
                return Outcome.skip("no TLS service answered on tcp/" + join(NetworkHost.TLS_PORTS));
            }
            return Outcome.pass("TLS 1.2+ only and a fitting certificate on " + String.join(", ", good), seen);
        });
    }

    private static String join(List<Integer> ports) {
        return String.join(", ", ports.stream().map(String::valueOf).toList());
    }
}
