package org.vmguard.checks.firewall;

import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.facts.Host;

/** The firewall area's checks, for the catalogue. */
public final class FirewallChecks {

    private FirewallChecks() {
    }

    public static List<Check<Host>> all() {
        return List.of(new FirewallActive(), new FirewallBanEffective(), new FirewallBanTool(),
                new FirewallDefaultDeny(), new FirewallSshLockout(), new FirewallSshdJail());
    }
}
