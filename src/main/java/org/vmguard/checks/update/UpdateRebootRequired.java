package org.vmguard.checks.update;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.OsRelease;
import org.vmguard.facts.update.RebootRequired;

public final class UpdateRebootRequired implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("update.reboot-required",
            "No installed update is waiting for a reboot", Severity.MEDIUM,
            "Updates to the kernel, libc or systemd only take effect after a reboot. Until then the host runs the "
                    + "vulnerable code although the package manager reports it patched.",
            "Reboot at the next maintenance window (systemctl reboot); to see why, read "
                    + "/var/run/reboot-required.pkgs (Debian/Ubuntu) or run needs-restarting -r (RHEL family). "
                    + "Unattended-Upgrade::Automatic-Reboot \"true\"; with a chosen -Time reboots automatically.",
            "https://manpages.debian.org/bookworm/unattended-upgrades/unattended-upgrade.8.en.html",
            "https://man7.org/linux/man-pages/man1/needs-restarting.1.html");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        OsRelease os = host.fact(OsRelease.KEY);
        RebootRequired flag = host.fact(RebootRequired.KEY);
        if (flag.required()) {
            List<Evidence> ev = new ArrayList<>();
            ev.add(Evidence.file(RebootRequired.FLAG, "present"));
            ev.addAll(flag.packages());
            List<String> names = flag.packages().stream().map(Evidence::text).limit(5).toList();
            return Outcome.fail("a reboot is required" + (names.isEmpty() ? "" : " by " + String.join(", ", names)
                    + (flag.packages().size() > names.size() ? ", …" : "")), ev);
        }
        if (os.rhelFamily()) {
            if (!host.kind().live()) {
                return Outcome.skip("the RHEL family keeps no reboot flag on disk; needs-restarting -r judges a live host");
            }
            RebootRequired.NeedsRestarting nr = host.fact(RebootRequired.NeedsRestarting.KEY);
            if (!nr.available()) {
                return Outcome.skip("needs-restarting (dnf-utils / yum-utils) is not installed; update.kernel still "
                        + "compares the running kernel with the installed ones");
            }
            Evidence ev = Evidence.command(nr.command(), nr.output().isEmpty() ? "(no output)" : clip(nr.output()));
            return nr.required() ? Outcome.fail("needs-restarting reports that a reboot is required", ev)
                    : Outcome.pass("needs-restarting reports no reboot is needed", ev);
        }
        return Outcome.pass("no " + RebootRequired.FLAG);
    }

    private static String clip(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "…" : s;
    }
}
