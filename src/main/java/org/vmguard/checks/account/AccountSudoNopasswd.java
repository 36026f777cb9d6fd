package org.vmguard.checks.account;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.sudoers.CmndSpec;
import org.vmguard.facts.sudoers.DefaultsEntry;
import org.vmguard.facts.sudoers.Privilege;
import org.vmguard.facts.sudoers.Rule;
import org.vmguard.facts.sudoers.Sudoers;

public final class AccountSudoNopasswd implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("account.sudo-nopasswd",
            "No sudo rule grants every command without a password", Severity.MEDIUM,
            "NOPASSWD: ALL turns any foothold in the account (a stolen key, a web shell, a malicious package "
                    + "in the user's PATH) into root without a second factor. Asking for the password keeps "
                    + "one more barrier and leaves a trace in the auth log.",
            "Remove the NOPASSWD: tag from the rule named in the evidence (edit with visudo -f FILE), or limit "
                    + "it to the few commands that must run unattended (Cmnd_Alias). Cloud images' default "
                    + "user rule (/etc/sudoers.d/90-cloud-init-users) can be changed through cloud-init's "
                    + "'sudo:' user setting.",
            "Least privilege: sudo with a password", "CIS Debian 12 5.2.4: Ensure users must provide password for privilege escalation",
            "DISA STIG UBTU-22-432015");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        Sudoers sudoers = host.fact(Sudoers.KEY);
        if (!sudoers.present()) {
            return Outcome.skip(sudoers.path() + " does not exist: sudo is not installed");
        }
        List<Evidence> evidence = new ArrayList<>();
        Set<String> findings = new LinkedHashSet<>();
        for (Rule rule : sudoers.rules()) {
            for (Privilege p : rule.privileges()) {
                for (CmndSpec s : p.commands()) {
                    if (!sudoers.grantsAll(s) || s.tags().contains("PASSWD")) {
                        continue;
                    }
                    String who = sudoers.describeUsers(rule.users());
                    String hosts = p.hosts().size() == 1 && p.hosts().getFirst().isAll() ? ""
                            : " on " + String.join(", ", p.hosts().stream().map(Object::toString).toList());
                    if (s.nopasswd()) {
                        findings.add(rule.file() + ":" + rule.line() + ": " + who + " may run ALL as "
                                + sudoers.describeRunas(s) + hosts + " without a password");
                        evidence.add(rule.evidence());
                        break;
                    }
                    Optional<DefaultsEntry> off = authenticationOffForAny(sudoers, rule);
                    if (off.isPresent()) {
                        findings.add(rule.file() + ":" + rule.line() + ": " + who + " may run ALL as "
                                + sudoers.describeRunas(s) + hosts + " without a password (" + off.get().file()
                                + ":" + off.get().line() + ": " + off.get().text() + ")");
                        evidence.add(rule.evidence());
                        evidence.add(Evidence.at(off.get().file(), off.get().line(), off.get().text()));
                        break;
                    }
                }
            }
        }
        if (!findings.isEmpty()) {
            return Outcome.fail(String.join("; ", findings), evidence);
        }
        if (!sudoers.errors().isEmpty()) {
            return Outcome.error("sudoers could not be read completely, so a NOPASSWD rule may be missed: "
                    + sudoers.errorSummary());
        }
        return Outcome.pass("no rule in " + String.join(", ", sudoers.files())
                + " grants ALL without a password");
    }

    /**
     * A global {@code Defaults !authenticate}, or one bound to a user the rule names, makes its
     * commands passwordless. Bound to a group or alias, it is judged through the rule's plain users.
     */
    private static Optional<DefaultsEntry> authenticationOffForAny(Sudoers sudoers, Rule rule) {
        Optional<DefaultsEntry> global = sudoers.authenticationOff(new Sudoers.Account("", -1, List.of(), List.of()));
        if (global.isPresent()) {
            return global;
        }
        for (var r : sudoers.expand(org.vmguard.facts.sudoers.Alias.Type.USER, rule.users())) {
            if (r.negated()) {
                continue;
            }
            String n = r.name();
            Sudoers.Account a = n.startsWith("%") && !n.startsWith("%#") && !n.startsWith("%:")
                    ? new Sudoers.Account("", -1, List.of(n.substring(1)), List.of())
                    : new Sudoers.Account(n, -1, List.of(), List.of());
            Optional<DefaultsEntry> off = sudoers.authenticationOff(a);
            if (off.isPresent()) {
                return off;
            }
        }
        return Optional.empty();
    }
}
