package org.vmguard.checks.account;

import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.facts.Host;

/** The account area's checks, for the catalogue. */
public final class AccountChecks {

    private AccountChecks() {
    }

    public static List<Check<Host>> all() {
        return List.of(new AccountDefaultName(), new AccountEmptyPassword(), new AccountSudoMembers(),
                new AccountSudoNopasswd(), new AccountSystemShell(), new AccountUid0(), new AccountUnused());
    }
}
