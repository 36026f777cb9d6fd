package org.vmguard.checks.update;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.OsRelease;
import org.vmguard.facts.apt.AptConfig;
import org.vmguard.facts.apt.UnattendedUpgrades;
import org.vmguard.facts.update.EolTable;

public final class UpdateSecurityOrigin implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("update.security-origin",
            "Unattended upgrades take the security archive", Severity.MEDIUM,
            "unattended-upgrades installs only from the origins it is allowed. A hand-edited or copied "
                    + "50unattended-upgrades that drops the security archive leaves the machine unpatched while "
                    + "looking automated.",
            "Keep the security line in /etc/apt/apt.conf.d/50unattended-upgrades: Debian "
                    + "\"origin=Debian,codename=${distro_codename}-security,label=Debian-Security\"; in "
                    + "Unattended-Upgrade::Origins-Pattern; Ubuntu \"${distro_id}:${distro_codename}-security\"; in "
                    + "Unattended-Upgrade::Allowed-Origins. Check with unattended-upgrade --dry-run --debug.",
            "CIS Debian Linux 12 Benchmark 1.9",
            "https://wiki.debian.org/UnattendedUpgrades",
            "https://github.com/mvo5/unattended-upgrades/blob/master/README.md");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        OsRelease os = host.fact(OsRelease.KEY);
        if (!os.debianFamily()) {
            return Outcome.skip(os.rhelFamily()
                    ? "unattended-upgrades is a Debian/Ubuntu tool; dnf-automatic takes every enabled repository"
                    : "unattended-upgrades is a Debian/Ubuntu tool and this is " + (os.id().isEmpty() ? "an unknown OS" : os.id()));
        }
        if (!os.id().equals("debian") && !os.id().equals("ubuntu")) {
            return Outcome.skip("the security archive of " + os.id() + " is not known to vmguard");
        }
        AutoUpgrades auto = AutoUpgrades.of(host);
        if (!auto.on()) {
            return Outcome.skip("unattended-upgrades is not on (" + auto.problem() + "): update.auto reports it");
        }
        String codename = os.get("VERSION_CODENAME");
        if (codename.isEmpty()) {
            return Outcome.skip(os.path() + " has no VERSION_CODENAME: ${distro_codename} cannot be known");
        }
        String distroId = UnattendedUpgrades.distroId(os.id());
        LocalDate today = LocalDate.ofInstant(host.now(), ZoneOffset.UTC);
        UnattendedUpgrades.Archive security = UnattendedUpgrades.securityArchive(os.id(), os.versionId(), codename,
                debianSuite(os.versionId(), today));
        if (os.id().equals("ubuntu") && EolTable.shipped().find("ubuntu", os.versionId())
                .filter(r -> today.isAfter(r.standardEnd())).isPresent()) {
            // past standard support the fixes come only from ESM's infra archive (with Ubuntu Pro)
            security = new UnattendedUpgrades.Archive("UbuntuESM", "Ubuntu", codename + "-infra-security", codename,
                    "main", "esm.ubuntu.com");
        }
        List<UnattendedUpgrades.AllowedOrigin> patterns = UnattendedUpgrades.patterns(host.fact(AptConfig.KEY),
                distroId, codename);
        List<Evidence> broken = new ArrayList<>();
        for (UnattendedUpgrades.AllowedOrigin p : patterns) {
            if (!p.problem().isEmpty()) {
                broken.add(new Evidence(p.source().path(), p.source().line(), p.source().value() + "  ← " + p.problem(),
                        null));
            }
        }
        if (!broken.isEmpty()) {
            return Outcome.fail("unattended-upgrade stops on an allowed origin it cannot read", broken);
        }
        for (UnattendedUpgrades.AllowedOrigin p : patterns) {
            if (p.matches(security)) {
                return Outcome.pass("the security archive (" + describe(security) + ") is allowed", p.evidence());
            }
        }
        List<Evidence> ev = new ArrayList<>();
        patterns.forEach(p -> ev.add(p.evidence()));
        if (ev.isEmpty()) {
            ev.add(Evidence.note("no Unattended-Upgrade::Allowed-Origins or ::Origins-Pattern entries at all"));
        }
        return Outcome.fail("no allowed origin matches the security archive (" + describe(security) + ")", ev);
    }

    private static String describe(UnattendedUpgrades.Archive a) {
        return "o=" + a.origin() + ",n=" + a.codename() + (a.archive().isEmpty() ? "" : ",a=" + a.archive())
                + ",l=" + a.label();
    }

    /** stable, oldstable or oldoldstable: Debian's suite names move down as new releases come out. */
    static String debianSuite(String versionId, LocalDate today) {
        List<EolTable.Row> released = EolTable.shipped().of("debian").stream()
                .filter(r -> !r.release().isAfter(today)).toList();
        String major = versionId.contains(".") ? versionId.substring(0, versionId.indexOf('.')) : versionId;
        for (int i = 0; i < released.size(); i++) {
            if (released.get(i).version().equals(major)) {
                return switch (i) {
                    case 0 -> "stable";
                    case 1 -> "oldstable";
                    case 2 -> "oldoldstable";
                    default -> "";
                };
            }
        }
        return "";
    }
}
