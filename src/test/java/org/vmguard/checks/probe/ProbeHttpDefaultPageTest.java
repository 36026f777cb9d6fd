package org.vmguard.checks.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.probe.Network.said;

import org.junit.jupiter.api.Test;
import org.vmguard.core.Outcome;
import org.vmguard.probe.HttpPage;
import org.vmguard.probe.Probed;

class ProbeHttpDefaultPageTest {

    final ProbeHttpDefaultPage check = new ProbeHttpDefaultPage();

    static Probed<HttpPage> page(String title, String body) {
        return Probed.seen(new HttpPage(200, "nginx", title, body), said("http 192.0.2.7:80 GET /", "200 \"" + title + "\""));
    }

    @Test
    void failsOnNginxsWelcomePage() {
        var host = new Network().http(80, false, page("Welcome to nginx!",
                "<html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1>"
                        + "<p>If you see this page, the nginx web server is successfully installed and working.")).http(443, true,
                Probed.absent("tcp/443: connection refused")).host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence().getFirst().text()).startsWith("http on tcp/80 serves the ");
    }

    @Test
    void passesOnASitesOwnPage() {
        var host = new Network().http(80, false, page("Lab of Marine Acoustics", "<html><body>Our data</body></html>"))
                .http(443, true, Probed.absent("tcp/443: connection refused")).host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void skipsWithoutAWebServer() {
        var host = new Network().http(80, false, Probed.absent("tcp/80: connection refused"))
                .http(443, true, Probed.absent("tcp/443: connection refused")).host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Skip.class);
    }
}
