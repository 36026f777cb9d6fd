package org.vmguard.checks.web;

import java.util.List;
import java.util.Optional;
import org.vmguard.core.Check;
import org.vmguard.core.Outcome;
import org.vmguard.facts.Host;
import org.vmguard.facts.web.WebServers;

/** The web area's checks (Apache httpd and nginx), for the catalogue. */
public final class WebChecks {

    private WebChecks() {
    }

    public static List<Check<Host>> all() {
        return List.of(new WebDefaultPage(), new WebDirectoryListing(), new WebLogPerms(), new WebNoTls(),
                new WebServerTokens(), new WebUserdir(), new WebWeakTls());
    }

    /** skip when no web server is installed, error when one could not be read; else empty. */
    static Optional<Outcome> notJudgeable(WebServers w) {
        if (w.none()) {
            return Optional.of(Outcome.skip(WebServers.NONE));
        }
        return w.unreadable().map(r -> Outcome.error("cannot evaluate the web server configuration: " + r));
    }
}
