package org.vmguard.checks.account;

import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.Passwd;

public final class AccountUid0 implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("account.uid0",
            "Only root has UID 0", Severity.CRITICAL,
            "Any account with UID 0 is root under another name: it bypasses every rule written for root, "
                    + "and an attacker who adds one keeps full control after the root password changes.",
            "Remove the account (userdel NAME) or give it an unprivileged UID (usermod -u NEW_UID NAME), "
                    + "after checking why it was created: an unexpected UID 0 account is a sign of compromise.",
            "Least privilege", "CIS Debian 12 7.2.x: Ensure root is the only UID 0 account");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        Passwd passwd = host.fact(Passwd.KEY);
        if (!passwd.present()) {
            return Outcome.error(passwd.path() + " does not exist: the accounts cannot be judged");
        }
        List<Evidence> extra = passwd.entries().stream()
                .filter(e -> e.uid() == 0 && !e.name().equals("root"))
                .map(e -> e.evidence(passwd.path()))
                .toList();
        if (!extra.isEmpty()) {
            return Outcome.fail(extra.size() + " account(s) besides root have UID 0: "
                    + String.join(", ", extra.stream().map(e -> e.text().split(":")[0]).toList()), extra);
        }
        return Outcome.pass("only root has UID 0");
    }
}
