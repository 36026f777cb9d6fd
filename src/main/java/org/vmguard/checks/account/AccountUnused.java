package org.vmguard.checks.account;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.FactException;
import org.vmguard.facts.Host;
import org.vmguard.facts.LoginDefs;
import org.vmguard.facts.Passwd;
import org.vmguard.facts.Shadow;
import org.vmguard.facts.logins.LastLogins;
import org.vmguard.facts.logins.Login;

public final class AccountUnused implements Check<Host> {

    static final Duration LIMIT = Duration.ofDays(90);

    static final CheckInfo INFO = CheckInfo.live("account.unused",
            "Human accounts are in use", Severity.LOW,
            "An account nobody has used for 90 days still accepts its password and keys. It belongs to "
                    + "someone who left or forgot it, so nobody would notice an attacker using it.",
            "Ask the owner; then lock the account (usermod -L -e 1 NAME) or remove it (userdel -r NAME). "
                    + "To expire idle accounts automatically: useradd -D -f 90 and chage --inactive 90 NAME.",
            "Remove unused accounts", "CIS Debian 12 5.4.1.5: Ensure inactive password lock is configured",
            "DISA STIG UBTU-22-411035: disable accounts after 35 days of inactivity");

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
        LoginDefs defs = host.fact(LoginDefs.KEY);
        List<Passwd.Entry> humans = passwd.humans(defs).stream().filter(Passwd.Entry::hasLoginShell).toList();
        if (humans.isEmpty()) {
            return Outcome.pass("no human account (UID " + defs.uidMin().value() + "–" + defs.uidMax().value()
                    + ") with a login shell", defs.uidMin().evidence());
        }
        LastLogins logins = host.fact(LastLogins.KEY);
        if (!logins.present()) {
            return Outcome.skip("this host keeps no /var/log/lastlog or /var/log/wtmp, so last logins cannot be "
                    + "read" + (logins.unsupported().isEmpty() ? "" : " (" + String.join("; ", logins.unsupported()) + ")"));
        }
        Instant now = host.now();
        Instant cutoff = now.minus(LIMIT);
        Optional<Shadow> shadow = shadow(host);
        List<Evidence> evidence = new ArrayList<>();
        List<String> idle = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Passwd.Entry e : humans) {
            Optional<Login> last = logins.last(e);
            if (last.isPresent()) {
                if (last.get().time().isBefore(cutoff)) {
                    long days = Duration.between(last.get().time(), now).toDays();
                    idle.add(e.name() + " (" + days + " days ago)");
                    evidence.add(e.evidence(passwd.path()));
                    evidence.add(last.get().evidence(e.name()));
                }
                continue;
            }
            if (!logins.covers(e)) {
                unknown.add(e.name());
                continue;
            }
            // never logged in: useradd sets the last password change to the creation day, so an account
            // whose password was set in the last 90 days is new (or looked after), not forgotten
            Optional<Instant> created = shadow.flatMap(s -> s.get(e.name()))
                    .filter(s -> s.lastChange() > 0).map(s -> Instant.ofEpochSecond(s.lastChange() * 86_400));
            if (created.isPresent() && created.get().isAfter(cutoff)) {
                continue;
            }
            idle.add(e.name() + " (never logged in)");
            evidence.add(e.evidence(passwd.path()));
            evidence.add(Evidence.note(e.name() + ": no login recorded in " + logins.describe()));
        }
        if (!idle.isEmpty()) {
            return Outcome.fail(idle.size() + " human account(s) with no login in " + LIMIT.toDays() + " days: "
                    + String.join(", ", idle), evidence);
        }
        if (!unknown.isEmpty()) {
            return Outcome.error("no login source covers " + String.join(", ", unknown) + " ("
                    + logins.describe() + (logins.unsupported().isEmpty() ? "" : "; " + String.join("; ", logins.unsupported())) + ")");
        }
        return Outcome.pass("every human account with a login shell logged in within " + LIMIT.toDays()
                + " days (" + logins.describe() + ")");
    }

    /** Shadow only refines "never logged in" (a new account); unreadable, it is simply not used. */
    private static Optional<Shadow> shadow(Host host) {
        try {
            return Optional.of(host.fact(Shadow.KEY));
        } catch (FactException e) {
            return Optional.empty();
        }
    }
}
