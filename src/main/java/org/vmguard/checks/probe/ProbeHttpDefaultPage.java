package org.vmguard.checks.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.probe.HttpPage;
import org.vmguard.probe.NetworkHost;
import org.vmguard.probe.Probed;

public final class ProbeHttpDefaultPage implements Check<NetworkHost> {

    static final CheckInfo INFO = CheckInfo.network("probe.http-default-page",
            "The web server does not show a distribution's default page", Severity.LOW,
            "A default page tells every scanner which server and distribution run here, and that nobody "
                    + "configured it: a web server installed by accident, or one whose site was never put in "
                    + "place, is a service to remove or finish.",
            "Put the site in place or remove the server (apt-get purge apache2 / nginx); at least replace "
                    + "/var/www/html/index.html (Debian's Apache) or index.nginx-debian.html (Debian's nginx).",
            "Nectar: Secure your web server", "OWASP: Fingerprint Web Server");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(NetworkHost host) {
        List<Evidence> found = new ArrayList<>();
        List<Evidence> seen = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (boolean tls : new boolean[] {false, true}) {
            int port = tls ? 443 : 80;
            String where = (tls ? "https" : "http") + " on tcp/" + port;
            switch (host.http(port, tls)) {
                case Probed.Seen<HttpPage> s -> {
                    HttpPage p = s.value();
                    Optional<String> which = DefaultPages.recognise(p.status(), p.title(), p.bodyStart());
                    which.ifPresent(w -> {
                        found.add(Evidence.note(where + " serves the " + w + " (title \"" + p.title() + "\")"));
                        found.addAll(s.evidence());
                    });
                    seen.addAll(s.evidence());
                    pages.add(where + ": " + p.status() + (p.title().isEmpty() ? "" : " \"" + p.title() + "\""));
                }
                case Probed.Absent<HttpPage> a -> absent.add(where + ": " + a.reason());
                case Probed.Failed<HttpPage> f -> errors.add(where + ": " + f.reason());
            }
        }
        if (!found.isEmpty()) {
            return Outcome.fail("the web server shows a distribution's default page", found);
        }
        if (!errors.isEmpty()) {
            return Outcome.error("could not read the web page: " + String.join("; ", errors));
        }
        if (pages.isEmpty()) {
            return Outcome.skip("no web server answered (" + String.join("; ", absent) + ")");
        }
        return Outcome.pass("no default page: " + String.join("; ", pages), seen);
    }
}
