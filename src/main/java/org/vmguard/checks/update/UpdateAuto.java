package org.vmguard.checks.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.OsRelease;
import org.vmguard.facts.dnf.DnfAutomatic;
import org.vmguard.facts.packages.InstalledPackages;
import org.vmguard.facts.update.UnitLinks;

public final class UpdateAuto implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("update.auto",
            "Security updates are installed automatically", Severity.HIGH,
            "Most compromised cloud VMs run software with fixes published weeks earlier. A VM that waits for its "
                    + "owner to log in and upgrade stays exposed for that long; automatic installation closes the "
                    + "window within a day.",
            "Debian/Ubuntu: apt install unattended-upgrades; dpkg-reconfigure -plow unattended-upgrades (it writes "
                    + "APT::Periodic::Unattended-Upgrade \"1\"; to /etc/apt/apt.conf.d/20auto-upgrades); "
                    + "systemctl enable --now apt-daily-upgrade.timer. RHEL family: dnf install dnf-automatic; "
                    + "systemctl enable --now dnf-automatic-install.timer (or set apply_updates = yes in "
                    + "/etc/dnf/automatic.conf and enable dnf-automatic.timer).",
            "CIS Debian Linux 12 Benchmark 1.9: Ensure updates, patches, and additional security software are installed",
            "DISA STIG RHEL 9 V-257778 (RHEL-09-211015): vendor-supported security patches",
            "https://wiki.debian.org/UnattendedUpgrades",
            "https://dnf.readthedocs.io/en/latest/automatic.html");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        OsRelease os = host.fact(OsRelease.KEY);
        if (os.debianFamily()) {
            if (host.fact(InstalledPackages.KEY).kind() != InstalledPackages.Kind.DPKG) {
                return Outcome.error("/var/lib/dpkg/status does not exist: whether unattended-upgrades is installed "
                        + "cannot be told");
            }
            AutoUpgrades auto = AutoUpgrades.of(host);
            if (!auto.on()) {
                return Outcome.fail(auto.problem(), auto.evidence());
            }
            if (!auto.always() && auto.interval() > 86400) {
                return Outcome.fail("unattended-upgrades runs only every " + auto.interval() / 86400
                        + " days, not daily", auto.evidence());
            }
            return Outcome.pass("unattended-upgrades installs updates " + (auto.always() ? "at every run" : "daily"),
                    auto.evidence());
        }
        if (os.rhelFamily()) {
            return rhel(host);
        }
        if (os.path() == null) {
            return Outcome.skip("no os-release: the OS and its update tool are unknown");
        }
        if (os.id().isEmpty()) {
            return Outcome.skip(os.path() + " names no ID: the OS and its update tool are unknown");
        }
        return Outcome.skip("vmguard knows no automatic-update tool for " + os.id()
                + " (it judges Debian, Ubuntu and the RHEL family)");
    }

    private static Outcome rhel(Host host) {
        List<Evidence> ev = new ArrayList<>();
        UnitLinks install = UnitLinks.of(host, "dnf-automatic-install.timer", "timers.target");
        UnitLinks timer = UnitLinks.of(host, "dnf-automatic.timer", "timers.target");
        UnitLinks dnf5 = UnitLinks.of(host, "dnf5-automatic.timer", "timers.target");
        InstalledPackages pkgs = host.fact(InstalledPackages.KEY);
        boolean installed;
        if (pkgs.readable()) {
            Optional<InstalledPackages.Package> p = pkgs.find("dnf-automatic").or(() -> pkgs.find("dnf5-plugin-automatic"));
            installed = p.isPresent();
            p.ifPresent(x -> ev.add(x.evidence()));
            if (!pkgs.note().isEmpty()) {
                ev.add(Evidence.note(pkgs.note()));
            }
        } else {
            // the RPM database cannot be read here: judge by the timer units the package ships
            installed = install.installed() || timer.installed() || dnf5.installed();
            ev.add(Evidence.note(pkgs.unreadable().isEmpty() ? "no RPM database found" : pkgs.unreadable()));
        }
        if (!installed) {
            Outcome yum = yumCron(host);
            if (yum != null) {
                return yum;
            }
            ev.add(Evidence.note("dnf-automatic is not installed"));
            return Outcome.fail("dnf-automatic is not installed", ev);
        }
        if (install.enabled()) {
            ev.addAll(install.evidence());
            return Outcome.pass("dnf-automatic-install.timer is enabled: updates are downloaded and applied", ev);
        }
        if (timer.enabled() || dnf5.enabled()) {
            ev.addAll(timer.enabled() ? timer.evidence() : dnf5.evidence());
            DnfAutomatic conf = host.fact(DnfAutomatic.KEY);
            Optional<DnfAutomatic.Setting> apply = conf.get("apply_updates");
            if (apply.isEmpty()) {
                ev.add(Evidence.file(conf.path(), conf.present() ? "apply_updates not set (default no)"
                        : "missing: every setting at its default, apply_updates = no"));
                return Outcome.fail("the dnf-automatic timer runs, but apply_updates defaults to no: updates are only "
                        + "downloaded", ev);
            }
            ev.add(conf.evidence(apply.get()));
            Optional<Boolean> b = DnfAutomatic.bool(apply.get().value());
            if (b.isEmpty()) {
                return Outcome.fail("apply_updates = " + apply.get().value() + " is no boolean: dnf-automatic stops"
                        + " with an error", ev);
            }
            if (!b.get()) {
                return Outcome.fail("the dnf-automatic timer runs, but apply_updates = " + apply.get().value()
                        + ": updates are only downloaded", ev);
            }
            return Outcome.pass("dnf-automatic runs from its timer with apply_updates = " + apply.get().value(), ev);
        }
        ev.addAll(install.evidence());
        ev.addAll(timer.evidence());
        ev.add(Evidence.note("neither dnf-automatic-install.timer nor dnf-automatic.timer is enabled in "
                + "/etc/systemd/system/timers.target.wants"));
        return Outcome.fail(install.masked() || timer.masked() ? "the dnf-automatic timers are masked"
                : "dnf-automatic is installed but no timer of it is enabled", ev);
    }

    /** RHEL and CentOS 7: yum-cron, a cron job whose [commands] apply_updates decides. */
    private static Outcome yumCron(Host host) {
        String conf = "/etc/yum/yum-cron.conf";
        Optional<String> text = host.text(conf);
        if (text.isEmpty()) {
            return null;
        }
        DnfAutomatic c = DnfAutomatic.parse(conf, text.get());
        List<Evidence> ev = new ArrayList<>();
        UnitLinks svc = UnitLinks.of(host, "yum-cron.service", "multi-user.target");
        ev.addAll(svc.evidence());
        Optional<DnfAutomatic.Setting> apply = c.get("apply_updates");
        apply.ifPresent(a -> ev.add(c.evidence(a)));
        if (!svc.enabled()) {
            ev.add(Evidence.note("yum-cron.service is not enabled in multi-user.target.wants"));
            return Outcome.fail("yum-cron is installed but not enabled", ev);
        }
        if (apply.isEmpty() || !DnfAutomatic.bool(apply.get().value()).orElse(false)) {
            if (apply.isEmpty()) {
                ev.add(Evidence.file(conf, "apply_updates not set (default no)"));
            }
            return Outcome.fail("yum-cron runs, but apply_updates is not yes: updates are only downloaded", ev);
        }
        return Outcome.pass("yum-cron is enabled with apply_updates = yes", ev);
    }
}
