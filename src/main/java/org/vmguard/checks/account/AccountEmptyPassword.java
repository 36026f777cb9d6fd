package org.vmguard.checks.account;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.Passwd;
import org.vmguard.facts.Shadow;

public final class AccountEmptyPassword implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("account.empty-password",
            "No account has an empty password", Severity.CRITICAL,
            "An empty password field lets anyone log in as that account without a password wherever PAM "
                    + "allows null passwords (pam_unix nullok, Debian's default), and su to it from any account.",
            "Lock the account (passwd -l NAME) or set a password (passwd NAME); remove accounts nobody uses "
                    + "(userdel NAME). Then check /etc/passwd and /etc/shadow with pwck -r.",
            "Use strong passwords or keys", "CIS Debian 12 7.2.2: Ensure /etc/shadow password fields are not empty",
            "DISA STIG UBTU-22-611060");

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
        List<Evidence> empty = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Passwd.Entry e : passwd.entries()) {
            if (e.password().isEmpty()) {
                empty.add(e.evidence(passwd.path()));
                names.add(e.name());
            }
        }
        // /etc/passwd alone already proves a failure; anything else needs /etc/shadow (unreadable → error)
        if (!empty.isEmpty()) {
            return Outcome.fail(names.size() + " account(s) with an empty password field in " + passwd.path()
                    + ": " + String.join(", ", names), empty);
        }
        Shadow shadow = host.fact(Shadow.KEY);
        if (!shadow.present()) {
            return Outcome.pass(passwd.path() + " has no empty password field and " + shadow.path()
                    + " does not exist, so no account can log in without a password");
        }
        for (Shadow.Entry e : shadow.entries()) {
            if (e.state() == Shadow.PasswordState.EMPTY) {
                empty.add(e.evidence(shadow.path()));
                names.add(e.name());
            }
        }
        if (!empty.isEmpty()) {
            return Outcome.fail(names.size() + " account(s) with an empty password in " + shadow.path() + ": "
                    + String.join(", ", names), empty);
        }
        return Outcome.pass("every account of " + passwd.path() + " and " + shadow.path()
                + " has a password hash or is locked");
    }
}
