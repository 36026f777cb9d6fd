package org.vmguard.checks.update;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.update.PendingUpdates;

public final class UpdatePendingSecurity implements Check<Host> {

    static final int SHOWN = 20;

    static final CheckInfo INFO = CheckInfo.live("update.pending-security",
            "No security updates are waiting", Severity.HIGH,
            "A published security update is also a published description of the flaw; attackers scan for hosts "
                    + "that have not installed it. Waiting security updates are the most direct measure of exposure.",
            "Debian/Ubuntu: apt-get update && apt-get upgrade (or unattended-upgrade -v). RHEL family: "
                    + "dnf upgrade --security. Reboot afterwards when the kernel or libc changed.",
            "CIS Debian Linux 12 Benchmark 1.9",
            "DISA STIG RHEL 9 V-257778 (RHEL-09-211015)",
            "https://www.debian.org/security/", "https://access.redhat.com/security/updates/advisory");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        PendingUpdates p = host.fact(PendingUpdates.KEY);
        if (!p.unavailable().isEmpty()) {
            return Outcome.skip(p.unavailable());
        }
        if (p.security().isEmpty()) {
            return Outcome.pass("no security update is waiting, according to " + p.command(),
                    Evidence.note(p.total() + " update(s) found, none from a security archive"));
        }
        List<Evidence> ev = new ArrayList<>();
        for (PendingUpdates.Update u : p.security().subList(0, Math.min(SHOWN, p.security().size()))) {
            ev.add(u.evidence());
        }
        if (p.security().size() > SHOWN) {
            ev.add(Evidence.note("… and " + (p.security().size() - SHOWN) + " more"));
        }
        List<String> names = p.security().stream().map(PendingUpdates.Update::name).distinct().limit(5).toList();
        return Outcome.fail(p.security().size() + " security update(s) waiting: " + String.join(", ", names)
                + (p.security().size() > names.size() ? ", …" : ""), ev);
    }
}
