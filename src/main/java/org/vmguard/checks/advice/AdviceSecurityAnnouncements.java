package org.vmguard.checks.advice;

import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.FactException;
import org.vmguard.facts.Host;
import org.vmguard.facts.OsRelease;

public final class AdviceSecurityAnnouncements implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("advice.security-announcements",
            "Subscribe to your OS's security announcements", Severity.INFO,
            "Automatic updates fix most flaws silently, but some need an action: a reboot, a configuration change, "
                    + "a release upgrade, a service that was never packaged. The distribution's security "
                    + "announcements say when.",
            "Subscribe the VM owner's address to the list named in the result (USN for Ubuntu, DSA for Debian, "
                    + "RHSA for RHEL, the Rocky or AlmaLinux announce lists).",
            "Nectar and Pouta VM security guidelines (stay informed)");

    /** Which list, for which distribution family. */
    record Source(String name, String url) {
    }

    static List<Source> sources(List<String> family) {
        for (String id : family) {
            switch (id) {
                case "ubuntu" -> {
                    return List.of(new Source("Ubuntu Security Notices (USN)", "https://ubuntu.com/security/notices"),
                            new Source("ubuntu-security-announce mailing list",
                                    "https://lists.ubuntu.com/mailman/listinfo/ubuntu-security-announce"));
                }
                case "debian" -> {
                    return List.of(new Source("Debian Security Advisories (DSA), debian-security-announce",
                            "https://lists.debian.org/debian-security-announce/"),
                            new Source("Debian LTS advisories (DLA), debian-lts-announce",
                                    "https://lists.debian.org/debian-lts-announce/"));
                }
                case "rocky" -> {
                    return List.of(new Source("Rocky Linux security advisories (RLSA)", "https://errata.rockylinux.org/"),
                            new Source("rocky-announce mailing list",
                                    "https://lists.resf.org/archives/list/rocky-announce@lists.resf.org/"));
                }
                case "almalinux" -> {
                    return List.of(new Source("AlmaLinux security advisories (ALSA)", "https://errata.almalinux.org/"),
                            new Source("AlmaLinux announce mailing list", "https://lists.almalinux.org/mailman3/lists/announce.lists.almalinux.org/"));
                }
                case "rhel" -> {
                    return List.of(new Source("Red Hat Security Advisories (RHSA)",
                            "https://access.redhat.com/security/security-updates/"),
                            new Source("rhsa-announce mailing list", "https://listman.redhat.com/mailman/listinfo/rhsa-announce"));
                }
                case "centos" -> {
                    return List.of(new Source("centos-announce mailing list",
                            "https://lists.centos.org/mailman/listinfo/centos-announce"));
                }
                case "fedora" -> {
                    return List.of(new Source("Fedora package-announce (security updates)",
                            "https://lists.fedoraproject.org/archives/list/package-announce@lists.fedoraproject.org/"));
                }
                default -> {
                }
            }
        }
        return List.of();
    }

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        OsRelease os;
        try {
            os = host.fact(OsRelease.KEY);
        } catch (FactException e) {
            return Outcome.info("the OS could not be identified (" + e.getMessage() + "): subscribe to your "
                    + "distribution's security announcement list");
        }
        List<Source> src = sources(os.family());
        if (src.isEmpty()) {
            return Outcome.info("subscribe to the security announcement list of "
                    + (os.info().known() ? os.info().prettyName() : "your distribution")
                    + " (os-release names no distribution vmguard knows a list for)");
        }
        Evidence[] ev = src.stream().map(s -> Evidence.note(s.name() + ": " + s.url())).toArray(Evidence[]::new);
        return Outcome.info("subscribe to " + src.get(0).name() + " for " + (os.info().prettyName().isEmpty()
                ? os.id() : os.info().prettyName()), ev);
    }
}
