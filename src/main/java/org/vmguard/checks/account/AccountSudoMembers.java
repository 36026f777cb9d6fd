package org.vmguard.checks.account;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.FactException;
import org.vmguard.facts.Group;
import org.vmguard.facts.Host;
import org.vmguard.facts.LoginDefs;
import org.vmguard.facts.Passwd;
import org.vmguard.facts.sudoers.Alias;
import org.vmguard.facts.sudoers.CmndSpec;
import org.vmguard.facts.sudoers.Privilege;
import org.vmguard.facts.sudoers.Rule;
import org.vmguard.facts.sudoers.Sudoers;

public final class AccountSudoMembers implements Check<Host> {

    static final int LIMIT = 3;
    /** The groups that distributions make administrators: Debian sudo, Ubuntu admin, RHEL wheel. */
    static final List<String> ADMIN_GROUPS = List.of("sudo", "admin", "wheel");

    static final CheckInfo INFO = CheckInfo.host("account.sudo-members",
            "Few accounts can become root", Severity.LOW,
            "Every account that can become root is a way to take over the host: its password, its keys and "
                    + "everything it runs. More than a handful of administrators on one VM usually means shared "
                    + "or forgotten access.",
            "Remove the accounts that do not need root from the sudo/admin/wheel groups (gpasswd -d NAME sudo) "
                    + "and narrow the sudoers rules named in the evidence (visudo -f FILE) to the commands "
                    + "each person needs.",
            "Least privilege", "CIS Debian 12 5.2.7: Ensure access to the su command is restricted",
            "DISA STIG UBTU-22-432010: limit privileged accounts");

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
        Group groups = host.fact(Group.KEY);
        LoginDefs defs = host.fact(LoginDefs.KEY);
        // the groups alone may already prove a failure when sudoers is unreadable (mode 0440, not root)
        Sudoers sudoers = null;
        String unreadable = null;
        try {
            sudoers = host.fact(Sudoers.KEY);
        } catch (FactException ex) {
            unreadable = ex.getMessage();
        }
        Map<String, Evidence> admins = new LinkedHashMap<>();
        for (Passwd.Entry e : passwd.humans(defs)) {
            List<String> memberOf = groups.groupsOf(e);
            Optional<Evidence> why = ADMIN_GROUPS.stream().filter(memberOf::contains).findFirst()
                    .flatMap(groups::get).map(g -> g.evidence(groups.path()));
            if (why.isEmpty() && sudoers != null && sudoers.present()) {
                why = rootRule(sudoers, account(e, groups)).map(Rule::evidence);
            }
            why.ifPresent(ev -> admins.put(e.name(), ev));
        }
        String who = admins.isEmpty() ? "" : ": " + String.join(", ", admins.keySet());
        if (admins.size() > LIMIT) {
            List<Evidence> evidence = new ArrayList<>();
            admins.forEach((name, ev) -> evidence.add(new Evidence(ev.path(), ev.line(), name + " ← " + ev.text(), null)));
            return Outcome.fail(admins.size() + " human accounts can become root (more than " + LIMIT + ")" + who,
                    evidence);
        }
        if (unreadable != null) {
            return Outcome.error(unreadable + "; the sudo/admin/wheel groups alone give " + admins.size()
                    + " account(s)" + who);
        }
        if (!sudoers.errors().isEmpty()) {
            return Outcome.error("sudoers could not be read completely, so more accounts may be able to become root: "
                    + sudoers.errorSummary());
        }
        return Outcome.pass(admins.size() + " human account(s) can become root (at most " + LIMIT + ")" + who);
    }

    static Sudoers.Account account(Passwd.Entry e, Group groups) {
        List<String> names = groups.groupsOf(e);
        List<Long> gids = new ArrayList<>();
        gids.add(e.gid());
        for (String n : names) {
            groups.get(n).map(Group.Entry::gid).filter(g -> !gids.contains(g)).ifPresent(gids::add);
        }
        return new Sudoers.Account(e.name(), e.uid(), names, gids);
    }

    /** The first rule that lets the account run ALL as root on this host. */
    static Optional<Rule> rootRule(Sudoers sudoers, Sudoers.Account a) {
        for (Rule r : sudoers.rules()) {
            if (!sudoers.matches(Alias.Type.USER, r.users(), a)) {
                continue;
            }
            for (Privilege p : r.privileges()) {
                if (!sudoers.appliesHere(p)) {
                    continue;
                }
                for (CmndSpec s : p.commands()) {
                    if (sudoers.grantsAll(s) && sudoers.runsAsRoot(s)) {
                        return Optional.of(r);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
