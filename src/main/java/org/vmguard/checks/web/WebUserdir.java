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
import org.vmguard.facts.web.ApacheDirective;
import org.vmguard.facts.web.WebServer;
import org.vmguard.facts.web.WebServers;

public final class WebUserdir implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("web.userdir", "Apache does not publish users' ~/public_html",
            Severity.MEDIUM,
            "With mod_userdir every account can publish files at http://host/~name/, often without knowing it: "
                    + "private keys, notebooks and backups copied into public_html end up on the web.",
            "Debian: a2dismod userdir && systemctl reload apache2. RHEL: set UserDir disabled in "
                    + "/etc/httpd/conf.d/userdir.conf or remove its LoadModule line.",
            "https://httpd.apache.org/docs/2.4/mod/mod_userdir.html");

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
        List<Evidence> ev = new ArrayList<>();
        List<Evidence> ok = new ArrayList<>();
        boolean apache = false;
        for (WebServer s : w.servers()) {
            switch (s) {
                case WebServer.Apache a -> {
                    apache = true;
                    Evidence loaded = a.config().modules().get("userdir_module");
                    if (loaded == null) {
                        ok.add(a.binary());
                        continue;
                    }
                    Optional<ApacheDirective> last = a.config().lastServerLevel("UserDir");
                    if (last.isPresent() && last.get().args().size() == 1 && last.get().arg(0).equalsIgnoreCase("disabled")) {
                        ok.add(last.get().evidence()); // loaded but switched off for every user
                        continue;
                    }
                    ev.add(loaded);
                    last.ifPresent(d -> ev.add(d.evidence()));
                }
                case WebServer.Nginx n -> {
                }
                case WebServer.Unreadable u -> {
                }
            }
        }
        if (!apache) {
            return Outcome.skip("Apache is not installed (nginx has no per-user directories)");
        }
        if (!ev.isEmpty()) {
            return Outcome.fail("mod_userdir is loaded: users' ~/public_html directories are published", ev);
        }
        return Outcome.pass("mod_userdir is not loaded, or UserDir is disabled", ok);
    }
}
