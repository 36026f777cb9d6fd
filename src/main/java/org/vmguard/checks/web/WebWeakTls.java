package org.vmguard.checks.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

public final class WebWeakTls implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("web.weak-tls", "TLS sites allow only TLS 1.2 and newer",
            Severity.MEDIUM,
            "SSLv3, TLS 1.0 and TLS 1.1 have known weaknesses (POODLE, BEAST) and are deprecated by RFC 8996.",
            "Apache: SSLProtocol -all +TLSv1.2 +TLSv1.3 (Debian: /etc/apache2/mods-available/ssl.conf). nginx: "
                    + "ssl_protocols TLSv1.2 TLSv1.3; in the http block (Debian's nginx.conf still lists TLSv1). Reload.",
            "RFC 8996", "https://ssl-config.mozilla.org/");

    static final Set<String> WEAK = Set.of("SSLv2", "SSLv3", "TLSv1", "TLSv1.1");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        try {
            return judge(host);
        } catch (org.vmguard.facts.ParseError e) {
            return Outcome.error("cannot evaluate the web server configuration: " + e.getMessage());
        }
    }

    private Outcome judge(Host host) {
        WebServers w = host.fact(WebServers.KEY);
        Optional<Outcome> no = WebChecks.notJudgeable(w);
        if (no.isPresent()) {
            return no.get();
        }
        List<Evidence> bad = new ArrayList<>();
        List<Evidence> good = new ArrayList<>();
        Set<String> weak = new java.util.TreeSet<>();
        int sites = 0;
        for (WebServer s : w.servers()) {
            switch (s) {
                case WebServer.Apache a -> {
                    for (ApacheSettings.TlsSite t : ApacheSettings.tls(a.config())) {
                        sites++;
                        judge(t.protocols(), t.engine(), t.protocolLine(), bad, good, weak);
                    }
                }
                case WebServer.Nginx n -> {
                    for (NginxSettings.TlsServer t : NginxSettings.tls(n.config(), n.version())) {
                        sites++;
                        judge(t.protocols(), t.listen(), t.protocolLine(), bad, good, weak);
                    }
                }
                case WebServer.Unreadable u -> {
                }
            }
        }
        if (sites == 0) {
            return Outcome.skip("no TLS site is configured (see web.no-tls)");
        }
        if (!bad.isEmpty()) {
            bad.add(Evidence.note("judged from the configuration: OpenSSL 3's default security level may still refuse "
                    + "TLS 1.0/1.1 at run time, but the configuration allows them"));
            return Outcome.fail("the configuration allows " + String.join(", ", weak), List.copyOf(new java.util.LinkedHashSet<>(bad)));
        }
        return Outcome.pass(sites + " TLS site(s) allow only TLS 1.2 or newer", List.copyOf(new java.util.LinkedHashSet<>(good)));
    }

    private static void judge(Set<String> protocols, Evidence site, Evidence line, List<Evidence> bad, List<Evidence> good,
            Set<String> weak) {
        List<String> w = protocols.stream().filter(WEAK::contains).toList();
        if (w.isEmpty()) {
            good.add(line);
        } else {
            weak.addAll(w);
            bad.add(site);
            bad.add(line);
        }
    }
}
