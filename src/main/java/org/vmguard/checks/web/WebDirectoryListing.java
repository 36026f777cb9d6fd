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

public final class WebDirectoryListing implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("web.directory-listing", "Served directories are not listed",
            Severity.LOW,
            "A directory without an index page is shown as a file list: backups, data files and old versions become "
                    + "easy to find.",
            "Apache: Options -Indexes in the <Directory> of each DocumentRoot (Debian's apache2.conf has "
                    + "\"Options Indexes FollowSymLinks\" for /var/www/). nginx: remove autoindex on. Then reload.",
            "https://httpd.apache.org/docs/2.4/mod/core.html#options",
            "https://nginx.org/en/docs/http/ngx_http_autoindex_module.html");

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
        List<String> where = new ArrayList<>();
        for (WebServer s : w.servers()) {
            switch (s) {
                case WebServer.Apache a -> {
                    if (!a.config().loaded("autoindex_module")) {
                        continue; // Indexes without mod_autoindex lists nothing
                    }
                    for (ApacheSettings.Served d : ApacheSettings.served(a.config())) {
                        ApacheSettings.Options o = ApacheSettings.options(a.config(), d.dir(), d.vhost());
                        if (o.indexes()) {
                            bad.add(d.where());
                            bad.addAll(o.lines());
                            where.add("Apache " + d.dir());
                        }
                    }
                }
                case WebServer.Nginx n -> {
                    for (NginxSettings.Setting t : NginxSettings.autoindex(n.config())) {
                        bad.add(t.where());
                        where.add("nginx " + t.where().where());
                    }
                }
                case WebServer.Unreadable u -> {
                }
            }
        }
        if (!bad.isEmpty()) {
            return Outcome.fail("directory listing is on for " + String.join(", ", new java.util.LinkedHashSet<>(where))
                    + " (.htaccess files are not read)", List.copyOf(new java.util.LinkedHashSet<>(bad)));
        }
        return Outcome.pass("no served directory has Options Indexes or autoindex on");
    }
}
