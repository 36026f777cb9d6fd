package org.vmguard.checks.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.web.ApacheConfig;
import org.vmguard.facts.web.ApacheDirective;
import org.vmguard.facts.web.NginxSettings;
import org.vmguard.facts.web.WebServer;
import org.vmguard.facts.web.WebServers;

public final class WebServerTokens implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("web.server-tokens", "The web server does not announce its version",
            Severity.LOW,
            "A Server header or error page naming the exact version and OS tells an attacker which known flaws to try.",
            "Apache: ServerTokens Prod and ServerSignature Off (Debian: /etc/apache2/conf-enabled/security.conf). "
                    + "nginx: server_tokens off; in the http block of /etc/nginx/nginx.conf. Then reload the server.",
            "https://httpd.apache.org/docs/2.4/mod/core.html#servertokens",
            "https://nginx.org/en/docs/http/ngx_http_core_module.html#server_tokens");

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
        List<Evidence> bad = new ArrayList<>();
        List<Evidence> good = new ArrayList<>();
        List<String> what = new ArrayList<>();
        for (WebServer s : w.servers()) {
            switch (s) {
                case WebServer.Apache a -> apache(a.config(), bad, good, what);
                case WebServer.Nginx n -> {
                    for (NginxSettings.Setting t : NginxSettings.serverTokens(n.config())) {
                        if (t.value().equals("off")) {
                            good.add(t.where());
                        } else {
                            bad.add(t.where());
                            what.add("nginx server_tokens " + t.value());
                        }
                    }
                }
                case WebServer.Unreadable u -> {
                }
            }
        }
        if (!bad.isEmpty()) {
            return Outcome.fail(String.join(", ", new java.util.LinkedHashSet<>(what)), bad);
        }
        return Outcome.pass("version details are hidden", good);
    }

    private static void apache(ApacheConfig c, List<Evidence> bad, List<Evidence> good, List<String> what) {
        Optional<ApacheDirective> tokens = c.lastServerLevel("ServerTokens");
        String t = tokens.map(d -> d.arg(0).toLowerCase(Locale.ROOT)).orElse("full");
        Evidence te = tokens.map(ApacheDirective::evidence).orElse(Evidence.note("ServerTokens Full (httpd's default)"));
        if (t.equals("prod") || t.equals("productonly")) {
            good.add(te);
        } else {
            bad.add(te);
            what.add("Apache ServerTokens " + tokens.map(d -> d.arg(0)).orElse("Full"));
        }
        Optional<ApacheDirective> sig = c.lastServerLevel("ServerSignature");
        List<ApacheDirective> on = new ArrayList<>();
        sig.filter(WebServerTokens::signs).ifPresent(on::add);
        for (ApacheDirective d : c.everywhere("ServerSignature")) {
            if (signs(d) && !c.tree().contains(d)) {
                on.add(d);
            }
        }
        if (on.isEmpty()) {
            good.add(sig.map(ApacheDirective::evidence).orElse(Evidence.note("ServerSignature Off (httpd's default)")));
        } else {
            on.forEach(d -> bad.add(d.evidence()));
            what.add("Apache ServerSignature " + on.get(0).arg(0));
        }
    }

    private static boolean signs(ApacheDirective d) {
        return !d.arg(0).equalsIgnoreCase("off");
    }
}
