package org.vmguard.checks.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.vmguard.target.FileStat;

public final class WebLogPerms implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("web.log-perms", "Web server logs are not readable by everyone",
            Severity.MEDIUM,
            "Access and error logs hold client addresses, URLs with tokens in their query strings and sometimes "
                    + "credentials; any local account or compromised service could read them.",
            "chmod o-r the log files (Debian creates them 0640 root:adm) and fix the create mode in "
                    + "/etc/logrotate.d/apache2 or /etc/logrotate.d/nginx.",
            "CIS Debian 12: Ensure access to all logfiles has been configured");

    static final List<String> DIRS = List.of("/var/log/apache2", "/var/log/httpd", "/var/log/nginx");

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
        Map<String, Evidence> files = new LinkedHashMap<>();
        for (WebServer s : w.servers()) {
            switch (s) {
                case WebServer.Apache a -> ApacheSettings.logs(a.config()).forEach(l -> files.putIfAbsent(l.path(), l.where()));
                case WebServer.Nginx n -> NginxSettings.logs(n.config()).forEach(l -> files.putIfAbsent(l.path(), l.where()));
                case WebServer.Unreadable u -> {
                }
            }
        }
        for (String d : DIRS) {
            for (String name : host.list(d)) {
                files.putIfAbsent(d + "/" + name, Evidence.file(d, "in the web server's log directory"));
            }
        }
        List<Evidence> bad = new ArrayList<>();
        int seen = 0;
        for (Map.Entry<String, Evidence> e : files.entrySet()) {
            Optional<FileStat> st = host.stat(e.getKey());
            if (st.isEmpty() || !st.get().isRegularFile()) {
                continue;
            }
            seen++;
            if (st.get().worldReadable()) {
                bad.add(Evidence.file(e.getKey(), "mode " + st.get().octal() + " (readable by everyone)"));
                if (e.getValue().path() != null && !e.getValue().path().equals(e.getKey())
                        && e.getValue().line() > 0) {
                    bad.add(e.getValue());
                }
            }
        }
        if (!bad.isEmpty()) {
            return Outcome.fail("web server log files are readable by everyone", bad);
        }
        return Outcome.pass(seen == 0 ? "no web server log file exists yet" : seen + " log file(s), none readable by everyone");
    }
}
