package org.vmguard.checks.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.AuthorizedKeys;
import org.vmguard.facts.FactException;
import org.vmguard.facts.Host;
import org.vmguard.facts.Passwd;
import org.vmguard.facts.Shadow;

public final class AccountDefaultName implements Check<Host> {

    /** Names that brute-force tools try first; cloud images' own default users are not among them. */
    static final Set<String> NAMES = Set.of("test", "test1", "test2", "testuser", "tester", "guest", "demo",
            "temp", "tmp", "admin", "administrator", "user", "user1", "oracle", "ftp", "ftpuser", "support",
            "default", "student", "ubnt", "pi");

    static final CheckInfo INFO = CheckInfo.host("account.default-name",
            "No well-known default or temporary account can log in", Severity.MEDIUM,
            "Internet-wide SSH brute force tries names such as test, guest, admin, oracle and ftp first. Such "
                    + "an account with a login shell and a password (or someone's key) is the usual way in.",
            "Remove the account if it is not needed (userdel -r NAME); otherwise rename it, lock its password "
                    + "(passwd -l NAME) and give it a non-login shell (usermod -s /usr/sbin/nologin NAME).",
            "Protect accounts against brute force: no default or guessable account names",
            "CIS Debian 12 5.4.2: Configure root and system accounts and environment");

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
        List<Passwd.Entry> candidates = passwd.entries().stream()
                .filter(e -> NAMES.contains(e.name()) && e.hasLoginShell()).toList();
        if (candidates.isEmpty()) {
            return Outcome.pass("no well-known default account name with a login shell");
        }
        AuthorizedKeys keys = host.fact(AuthorizedKeys.KEY);
        List<Evidence> evidence = new ArrayList<>();
        List<String> usable = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Passwd.Entry e : candidates) {
            List<Evidence> why = new ArrayList<>();
            List<String> how = new ArrayList<>();
            List<Evidence> k = keys.of(e.name());
            if (!k.isEmpty()) {
                how.add(k.size() + " authorized key(s)");
                why.addAll(k);
            }
            Optional<Shadow.PasswordState> pw = password(host, e, why);
            boolean keysUnknown = keys.unreadable().containsKey(e.name());
            if ((pw.isEmpty() || keysUnknown) && how.isEmpty()
                    && pw.filter(s -> s != Shadow.PasswordState.LOCKED).isEmpty()) {
                unknown.add(e.name() + ": " + (keysUnknown ? keys.unreadable().get(e.name()) : shadowProblem(host)));
                continue;
            }
            pw.filter(s -> s != Shadow.PasswordState.LOCKED)
                    .ifPresent(s -> how.add(s == Shadow.PasswordState.EMPTY ? "an empty password" : "a password"));
            if (!how.isEmpty()) {
                usable.add(e.name() + " (" + String.join(" and ", how) + ")");
                evidence.add(e.evidence(passwd.path()));
                evidence.addAll(why);
            }
        }
        if (!usable.isEmpty()) {
            return Outcome.fail("default or temporary account(s) that can log in: " + String.join(", ", usable),
                    evidence);
        }
        if (!unknown.isEmpty()) {
            return Outcome.error("cannot tell whether these accounts can log in: " + String.join("; ", unknown));
        }
        return Outcome.pass("the default-named account(s) " + String.join(", ", candidates.stream()
                .map(Passwd.Entry::name).toList()) + " have no usable password and no authorized keys");
    }

    /** The password state from /etc/passwd or /etc/shadow; empty when shadow is needed but unreadable. */
    private static Optional<Shadow.PasswordState> password(Host host, Passwd.Entry e, List<Evidence> why) {
        if (!e.password().equals("x")) {
            return Optional.of(Shadow.state(e.password()));
        }
        Shadow shadow;
        try {
            shadow = host.fact(Shadow.KEY);
        } catch (FactException ex) {
            return Optional.empty();
        }
        Optional<Shadow.Entry> s = shadow.get(e.name());
        s.filter(x -> x.state() != Shadow.PasswordState.LOCKED).ifPresent(x -> why.add(x.evidence(shadow.path())));
        return Optional.of(s.map(Shadow.Entry::state).orElse(Shadow.PasswordState.LOCKED));
    }

    private static String shadowProblem(Host host) {
        try {
            host.fact(Shadow.KEY);
            return "unknown";
        } catch (FactException ex) {
            return ex.getMessage();
        }
    }
}
