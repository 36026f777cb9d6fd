package org.vmguard.checks.firewall;

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
import org.vmguard.facts.bantools.BanTools;
import org.vmguard.facts.bantools.Fail2banConfig;
import org.vmguard.facts.logging.Syslog;
import org.vmguard.facts.packages.InstalledPackages;

public final class FirewallBanEffective implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("firewall.ban-effective",
            "The ban tool can actually ban", Severity.MEDIUM,
            "A ban tool that cannot see failures or cannot block addresses gives a false sense of safety: "
                    + "denyhosts writes /etc/hosts.deny, which an sshd built without libwrap never reads; a fail2ban "
                    + "jail watching /var/log/auth.log on a journald-only host sees nothing (and fail2ban refuses to "
                    + "start); the systemd backend without python3-systemd stops the jail; a ban action for iptables "
                    + "does nothing where only nftables is installed.",
            "fail2ban on a journald-only host: `backend = systemd` in the [sshd] jail (jail.d/sshd.local), with "
                    + "python3-systemd installed (fail2ban's systemd backend imports it). Use a "
                    + "banaction for the installed firewall (`banaction = nftables-multiport`, `ufw`, "
                    + "`firewallcmd-rich-rules`). Replace denyhosts with fail2ban when sshd lacks libwrap. Install "
                    + "crowdsec-firewall-bouncer-nftables (or -iptables) next to CrowdSec.",
            "fail2ban jail.conf(5)", "Debian bug #1037437 (fail2ban without rsyslog)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    /** Firewall program each fail2ban action family needs. */
    static String needs(String action) {
        if (action.startsWith("iptables")) {
            return "iptables";
        }
        if (action.startsWith("nftables") || action.startsWith("nft")) {
            return "nft";
        }
        if (action.startsWith("firewallcmd")) {
            return "firewall-cmd";
        }
        if (action.equals("ufw")) {
            return "ufw";
        }
        if (action.startsWith("shorewall")) {
            return "shorewall";
        }
        if (action.startsWith("ipset")) {
            return "ipset";
        }
        return null;
    }

    @Override
    public Outcome evaluate(Host host) {
        BanTools b = host.fact(BanTools.KEY);
        if (b.tools().isEmpty()) {
            return Outcome.skip("no ban tool is installed (firewall.ban-tool reports it)");
        }
        List<String> problems = new ArrayList<>();
        List<Evidence> ev = new ArrayList<>();
        List<Evidence> fine = new ArrayList<>();
        if (b.tool("fail2ban").isPresent()) {
            if (b.fail2ban() == null) {
                return Outcome.error("fail2ban's configuration cannot be read: " + b.fail2banProblem());
            }
            fail2ban(host, b.fail2ban(), problems, ev, fine);
        }
        if (b.denyhosts() != null) {
            BanTools.Denyhosts d = b.denyhosts();
            if (d.sshdLibwrap().isEmpty()) {
                return Outcome.error("cannot tell whether sshd reads hosts.deny: " + d.libwrapEvidence().text());
            }
            if (!d.sshdLibwrap().get()) {
                problems.add("denyhosts writes hosts.deny but sshd is built without libwrap, so it never reads it");
                ev.add(d.hostsDeny());
                ev.add(d.libwrapEvidence());
            } else {
                fine.add(d.libwrapEvidence());
            }
        }
        if (b.sshguard() != null) {
            if (!b.sshguard().backendUsable()) {
                problems.add("sshguard's backend needs " + b.sshguard().backendNeeds() + ", which is not installed");
                ev.add(b.sshguard().backend());
            } else {
                fine.add(b.sshguard().backend());
            }
        }
        if (b.crowdsec() != null) {
            BanTools.Crowdsec c = b.crowdsec();
            if (c.bouncer().isEmpty()) {
                problems.add("CrowdSec has no firewall bouncer: its decisions block nothing");
                ev.add(Evidence.file("/etc/crowdsec/bouncers", "no crowdsec-firewall-bouncer configuration"));
            } else if (!c.bouncerToolUsable()) {
                problems.add("CrowdSec's firewall bouncer needs " + c.bouncerNeeds() + ", which is not installed");
                ev.add(c.bouncer().get());
            } else {
                fine.add(c.bouncer().get());
            }
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems), ev);
        }
        return Outcome.pass("the installed ban tools can see failures and block addresses",
                List.copyOf(new java.util.LinkedHashSet<>(fine)));
    }

    /** The package database, when the host has a readable one (else it cannot tell what is missing). */
    static Optional<InstalledPackages> packages(Host host) {
        try {
            InstalledPackages pk = host.fact(InstalledPackages.KEY);
            return pk.readable() ? Optional.of(pk) : Optional.empty();
        } catch (FactException e) {
            return Optional.empty();
        }
    }

    private static void fail2ban(Host host, Fail2banConfig c, List<String> problems, List<Evidence> ev, List<Evidence> fine) {
        boolean syslog;
        try {
            syslog = !host.fact(Syslog.KEY).active().isEmpty();
        } catch (FactException e) {
            syslog = true; // cannot tell: do not blame fail2ban for it
        }
        for (String jail : c.enabledJails()) {
            String backend = c.backend(jail);
            if (!backend.startsWith("systemd")) {
                List<String> logs = c.logpaths(jail);
                boolean any = logs.stream().anyMatch(p -> BanTools.logExists(host, p));
                // an image's syslog daemon creates its files on first boot; a running host must have them
                boolean willExist = !host.kind().live() && syslog;
                if (!any && !willExist && !logs.isEmpty()) {
                    problems.add("jail [" + jail + "] reads " + String.join(", ", logs) + ", which does not exist"
                            + (syslog ? "" : " (no syslog daemon writes it: logs are only in the journal)"));
                    c.raw(jail, "logpath").ifPresent(v -> ev.add(v.evidence("logpath")));
                    c.raw(jail, "backend").ifPresent(v -> ev.add(v.evidence("backend")));
                    if (ev.isEmpty()) {
                        ev.add(Evidence.note("backend " + backend + ", logpath " + logs));
                    }
                } else {
                    logs.stream().filter(p -> BanTools.logExists(host, p)).findFirst()
                            .ifPresent(p -> fine.add(Evidence.file(p, "jail [" + jail + "] log exists")));
                }
            } else {
                Optional<InstalledPackages> pk = packages(host);
                Optional<InstalledPackages.Package> journal = pk.flatMap(p -> p.find("python3-systemd"));
                if (pk.isPresent() && journal.isEmpty()) {
                    // fail2ban imports python3-systemd for this backend; without it the jail does not start
                    problems.add("jail [" + jail + "] reads the journal (backend = " + backend + "), but python3-systemd "
                            + "is not installed");
                    c.raw(jail, "backend").ifPresent(v -> ev.add(v.evidence("backend")));
                    if (ev.isEmpty()) {
                        ev.add(Evidence.note("backend " + backend));
                    }
                } else {
                    c.raw(jail, "backend").ifPresent(v -> fine.add(v.evidence("backend")));
                    journal.ifPresent(j -> fine.add(j.evidence()));
                }
            }
            for (String action : c.actionFiles(jail)) {
                String tool = needs(action);
                if (tool != null && BanTools.binary(host, tool)) {
                    c.raw(jail, "banaction").ifPresent(v -> fine.add(v.evidence("banaction")));
                }
                if (tool != null && !BanTools.binary(host, tool)) {
                    problems.add("jail [" + jail + "] bans with " + action + ", but " + tool + " is not installed");
                    c.raw(jail, "banaction").or(() -> c.raw(jail, "action")).ifPresent(v -> ev.add(v.evidence(
                            v == c.raw(jail, "banaction").orElse(null) ? "banaction" : "action")));
                    if (ev.isEmpty()) {
                        ev.add(Evidence.note("action " + action));
                    }
                }
            }
        }
    }
}
