package org.vmguard.checks.account;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.LoginDefs;
import org.vmguard.facts.Passwd;

public final class AccountSystemShell implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("account.system-shell",
            "System accounts have no login shell", Severity.MEDIUM,
            "Service accounts (UID below UID_MIN) exist to own files and run daemons. With a login shell, "
                    + "a stolen service password, a planted key or a flaw in the service becomes an interactive "
                    + "shell on the host.",
            "Give each listed account a non-login shell: usermod -s /usr/sbin/nologin NAME "
                    + "(/sbin/nologin on the RHEL family). Accounts that really need a shell should get a UID "
                    + "at or above UID_MIN.",
            "Least privilege", "CIS Debian 12 5.4.2.8: Ensure accounts without a valid login shell are locked",
            "CIS RHEL 9 5.4.2.7: Ensure system accounts do not have a valid login shell");

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
        LoginDefs.Number uidMin = host.fact(LoginDefs.KEY).uidMin();
        List<Evidence> found = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Passwd.Entry e : passwd.entries()) {
            if (e.uid() < uidMin.value() && !e.name().equals("root") && e.hasLoginShell()) {
                found.add(e.evidence(passwd.path()));
                names.add(e.name() + " (" + (e.shell().isEmpty() ? "empty shell field: /bin/sh" : e.shell()) + ")");
            }
        }
        if (found.isEmpty()) {
            return Outcome.pass("no account below UID_MIN " + uidMin.value() + " other than root has a login shell",
                    uidMin.evidence());
        }
        found.add(uidMin.evidence());
        return Outcome.fail(names.size() + " system account(s) below UID_MIN " + uidMin.value()
                + " have a login shell: " + String.join(", ", names), found);
    }
}
