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
import org.vmguard.facts.web.WebServers;
import org.vmguard.facts.web.WebLogFiles;

public final class WebLogPerms implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("web.log-perms", "Web server logs are not readable by everyone",
            Severity.MEDIUM,
            "Access and error logs hold client addresses, URLs with tokens in their query strings and sometimes "
                    + "credentials; any local account or compromised service could read them.",
            "chmod o-r the log files (Debian creates them 0640 root:adm) and fix the create mode in "
                    + "/etc/logrotate.d/apache2 or /etc/logrotate.d/nginx.",
            "CIS Debian 12: Ensure access to all logfiles has been configured");

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
        List<WebLogFiles.LogFile> files = host.fact(WebLogFiles.KEY).files();
        for (WebLogFiles.LogFile f : files) {
            if (f.worldReadable()) {
                bad.add(Evidence.file(f.path(), "mode " + f.mode() + " (readable by everyone)"));
                if (f.configured().line() > 0 && !f.path().equals(f.configured().path())) {
                    bad.add(f.configured());
                }
            }
        }
        int seen = files.size();
        if (!bad.isEmpty()) {
            return Outcome.fail("web server log files are readable by everyone", bad);
        }
        return Outcome.pass(seen == 0 ? "no web server log file exists yet" : seen + " log file(s), none readable by everyone");
    }
}
