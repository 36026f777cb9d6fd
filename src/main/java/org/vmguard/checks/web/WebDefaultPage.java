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
import org.vmguard.facts.web.ApacheConfig;
import org.vmguard.facts.web.ApacheDirective;
import org.vmguard.facts.web.ApacheSettings;
import org.vmguard.facts.web.NginxSettings;
import org.vmguard.facts.web.WebServer;
import org.vmguard.facts.web.WebServers;

/**
 * Judged from files, never by an HTTP request: the first index page of each document root is
 * matched on the distribution's default page's distinctive text.
 */
public final class WebDefaultPage implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("web.default-page", "The distribution's default web page is not served",
            Severity.LOW,
            "A default page shows a forgotten or unfinished server and names the software and distribution.",
            "Replace the default index page (Debian: /var/www/html/index.html, /var/www/html/index.nginx-debian.html) "
                    + "with your content, or disable the default site (a2dissite 000-default; rm "
                    + "/etc/nginx/sites-enabled/default). RHEL: empty /etc/httpd/conf.d/welcome.conf.",
            "https://wiki.debian.org/Apache");

    /** Distinctive text of the packaged default pages. */
    static final List<String> MARKERS = List.of("Apache2 Debian Default Page", "Apache2 Ubuntu Default Page",
            "Welcome to nginx!", "Apache HTTP Server Test Page", "Test Page for the HTTP Server", "Test Page for the Nginx");

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
        for (WebServer s : w.servers()) {
            switch (s) {
                case WebServer.Apache a -> {
                    List<String> index = ApacheSettings.directoryIndex(a.config());
                    for (ApacheSettings.Served d : ApacheSettings.served(a.config())) {
                        if (!judge(host, d.dir(), index, d.where(), bad) && d.vhost().isEmpty()) {
                            welcome(a.config(), bad);
                        }
                    }
                }
                case WebServer.Nginx n -> {
                    for (NginxSettings.Root r : NginxSettings.roots(n.config())) {
                        judge(host, r.dir(), r.index(), r.where(), bad);
                    }
                }
                case WebServer.Unreadable u -> {
                }
            }
        }
        if (!bad.isEmpty()) {
            return Outcome.fail("the distribution's default page is still served (judged from files)",
                    List.copyOf(new java.util.LinkedHashSet<>(bad)));
        }
        return Outcome.pass("no document root serves a default page");
    }

    /** @return true when the root has an index page (default or not) */
    private static boolean judge(Host host, String dir, List<String> index, Evidence where, List<Evidence> bad) {
        for (String name : index) {
            String p = name.startsWith("/") ? name : dir + "/" + name;
            Optional<String> text = host.text(p);
            if (text.isEmpty()) {
                continue;
            }
            String head = text.get().length() > 20_000 ? text.get().substring(0, 20_000) : text.get();
            for (String m : MARKERS) {
                if (head.contains(m)) {
                    bad.add(Evidence.file(p, "contains \"" + m + "\""));
                    bad.add(where);
                }
            }
            return true;
        }
        return false;
    }

    /** RHEL's welcome.conf shows the noindex test page when a root has no index. */
    private static void welcome(ApacheConfig c, List<Evidence> bad) {
        for (ApacheDirective d : c.everywhere("Alias")) {
            if (d.arg(0).equals("/.noindex.html")) {
                bad.add(d.evidence());
            }
        }
    }
}
