package org.vmguard.checks.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.facts.Host;
import org.vmguard.facts.apt.AptConfig;
import org.vmguard.facts.packages.InstalledPackages;
import org.vmguard.facts.update.UnitLinks;

/**
 * Whether unattended-upgrades runs on a Debian or Ubuntu host, as apt.systemd.daily decides it:
 * the package installed, APT::Periodic::Enable not 0, APT::Periodic::Unattended-Upgrade and
 * ::Update-Package-Lists set to non-zero intervals, and the apt-daily-upgrade timer (or, without systemd, cron's apt-compat)
 * in place. Shared by update.auto and update.security-origin.
 *
 * @param problem why it does not run ("" when it does)
 * @param interval the interval in seconds (0 when off; 0 too for "always", see {@code always})
 */
record AutoUpgrades(boolean on, String problem, List<Evidence> evidence, long interval, boolean always) {

    static final String PACKAGE = "unattended-upgrades";
    static final String TIMER = "apt-daily-upgrade.timer";

    static AutoUpgrades of(Host host) {
        List<Evidence> ev = new ArrayList<>();
        InstalledPackages pkgs = host.fact(InstalledPackages.KEY);
        if (pkgs.kind() != InstalledPackages.Kind.DPKG) {
            return off("dpkg's database /var/lib/dpkg/status does not exist", List.of(
                    Evidence.note("no /var/lib/dpkg/status")));
        }
        Optional<InstalledPackages.Package> uu = pkgs.find(PACKAGE);
        if (uu.isEmpty()) {
            return off("unattended-upgrades is not installed", List.of(
                    Evidence.file(pkgs.database(), "no installed package named unattended-upgrades")));
        }
        ev.add(uu.get().evidence());
        AptConfig cfg = host.fact(AptConfig.KEY);
        Optional<AptConfig.Value> enable = cfg.find("APT::Periodic::Enable");
        if (enable.isPresent() && number(enable.get().value()).orElse(1L) == 0) {
            ev.add(enable.get().evidence());
            return off("APT::Periodic::Enable \"" + enable.get().value() + "\" turns every periodic APT job off", ev);
        }
        Optional<AptConfig.Value> value = cfg.find("APT::Periodic::Unattended-Upgrade");
        if (value.isEmpty()) {
            ev.add(Evidence.note("APT::Periodic::Unattended-Upgrade is set in none of "
                    + String.join(", ", cfg.files().isEmpty() ? List.of(AptConfig.PARTS) : cfg.files())));
            return off("APT::Periodic::Unattended-Upgrade is not set (apt.systemd.daily then never runs it)", ev);
        }
        ev.add(value.get().evidence());
        String v = value.get().value().strip();
        long seconds;
        boolean always = v.equals("always");
        if (always) {
            seconds = 0;
        } else {
            Optional<Long> s = interval(v);
            if (s.isEmpty()) {
                return off("APT::Periodic::Unattended-Upgrade \"" + v + "\" is no interval apt.systemd.daily understands", ev);
            }
            seconds = s.get();
            if (seconds == 0) {
                return off("APT::Periodic::Unattended-Upgrade is \"" + v + "\": unattended upgrades are off", ev);
            }
        }
        // unattended-upgrade installs what the lists offer: without refreshed lists it finds nothing new
        Optional<AptConfig.Value> lists = cfg.find("APT::Periodic::Update-Package-Lists");
        if (lists.isEmpty() || interval(lists.get().value()).orElse(lists.get().value().strip().equals("always") ? 1L : 0L) == 0) {
            lists.ifPresent(l -> ev.add(l.evidence()));
            if (lists.isEmpty()) {
                ev.add(Evidence.note("APT::Periodic::Update-Package-Lists is not set (apt.systemd.daily then never runs it)"));
            }
            return off("APT::Periodic::Update-Package-Lists is " + lists.map(l -> "\"" + l.value() + "\"").orElse("not set")
                    + ": the package lists are never refreshed, so unattended-upgrade finds no new updates", ev);
        }
        ev.add(lists.get().evidence());
        UnitLinks timer = UnitLinks.of(host, TIMER, "timers.target");
        ev.addAll(timer.evidence());
        if (timer.masked()) {
            return off(TIMER + " is masked: apt.systemd.daily never runs", ev);
        }
        if (UnitLinks.systemdPresent(host)) {
            if (!timer.enabled()) {
                return off(TIMER + " is not enabled: apt.systemd.daily never runs", ev);
            }
        } else if (host.stat("/etc/cron.daily/apt-compat").isEmpty()) {
            return off("no systemd and no /etc/cron.daily/apt-compat: nothing runs apt.systemd.daily", ev);
        } else {
            ev.add(Evidence.file("/etc/cron.daily/apt-compat", "runs apt.systemd.daily daily where systemd does not"));
        }
        return new AutoUpgrades(true, "", List.copyOf(ev), seconds, always);
    }

    private static AutoUpgrades off(String why, List<Evidence> ev) {
        return new AutoUpgrades(false, why, List.copyOf(ev), 0, false);
    }

    /** The shell's integer reading of a value, as `[ $X -eq 0 ]` needs it. */
    static Optional<Long> number(String v) {
        try {
            return Optional.of(Long.parseLong(v.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** apt.systemd.daily's intervals: a number of days, or a number with s, m, h or d. */
    static Optional<Long> interval(String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        long perUnit = 86400;
        if (!s.isEmpty() && "smhd".indexOf(s.charAt(s.length() - 1)) >= 0) {
            perUnit = switch (s.charAt(s.length() - 1)) {
                case 's' -> 1;
                case 'm' -> 60;
                case 'h' -> 3600;
                default -> 86400;
            };
            s = s.substring(0, s.length() - 1);
        }
        long unit = perUnit;
        return number(s).filter(n -> n >= 0).map(n -> n * unit);
    }
}
