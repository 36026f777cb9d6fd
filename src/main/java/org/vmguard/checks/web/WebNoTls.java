package org.vmguard.checks.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.web.ApacheSettings;
import org.vmguard.facts.web.NginxSettings;
import org.vmguard.facts.web.WebServer;
import org.vmguard.facts.web.WebServers;

public final class WebNoTls implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("web.no-tls", "The web server has a TLS site", Severity.LOW,
            "Plain http exposes passwords, session cookies and content to anyone on the path, and lets them alter pages.",
            "Get a certificate (for example with certbot) and enable a TLS site: Debian Apache a2enmod ssl && "
                    + "a2ensite default-ssl; nginx listen 443 ssl with ssl_certificate. Redirect http to https.",
            "https://letsencrypt.org/getting-started/");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        WebServers w = host.fact(WebServers.KEY);
        Optional<Outcome> no = WebChecks.notJudgeable(w);
        if (no.isPresent()) {
            return no.get();
        }
        List<Evidence> tls = new ArrayList<>();
        List<Evidence> plain = new ArrayList<>();
        List<String> lacking = new ArrayList<>();
        for (WebServer s : w.servers()) {
            int before = tls.size();
            List<Evidence> listens = new ArrayList<>();
            switch (s) {
                case WebServer.Apache a -> {
                    ApacheSettings.tls(a.config()).forEach(t -> tls.add(t.engine()));
                    a.config().serverLevel("Listen").forEach(d -> listens.add(d.evidence()));
                }
                case WebServer.Nginx n -> NginxSettings.tls(n.config(), n.version()).forEach(t -> tls.add(t.listen()));
                case WebServer.Unreadable u -> {
                }
            }
            if (tls.size() == before) {
                // only the servers without TLS are evidence: another server's Listen 443 proves nothing here
                plain.addAll(listens);
                plain.add(s.binary());
                lacking.add(s.name());
            }
        }
        if (!lacking.isEmpty()) {
            return Outcome.fail(String.join(" and ", lacking) + ": no TLS site is configured, only plain http"
                    + (lacking.contains("Apache") ? " (for Apache a TLS site is SSLEngine on with mod_ssl loaded; "
                            + "a bare Listen 443 serves http)" : ""), plain);
        }
        return Outcome.pass("TLS is configured", tls);
    }
}
