package org.vmguard.facts.update;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.OsRelease;

/**
 * Which release a host runs, in the terms of the end-of-support table: the distribution
 * ("ubuntu", "debian", "rhel", "rocky", "almalinux", "centos", "centos-stream") and its version
 * ("24.04"; the major version for Debian and the RHEL family). CentOS 6 has no os-release, so
 * /etc/redhat-release is read when os-release is missing.
 *
 * @param distro "" when the host's release cannot be named
 */
public record ReleaseId(String distro, String version, String codename, String pretty, Evidence evidence) {

    public static final FactKey<ReleaseId> KEY = FactKey.of("release-id", ReleaseId::load);
    private static final Pattern REDHAT_RELEASE = Pattern.compile(
            "^(CentOS|Red Hat Enterprise Linux|Rocky Linux|AlmaLinux)\\b.*?release (\\d+)", Pattern.CASE_INSENSITIVE);

    static ReleaseId load(Host host) {
        OsRelease os = host.fact(OsRelease.KEY);
        if (os.path() != null) {
            return of(os);
        }
        Optional<String> rr = host.text("/etc/redhat-release");
        if (rr.isPresent()) {
            String line = rr.get().lines().findFirst().orElse("").strip();
            return fromRedhatRelease(line);
        }
        return new ReleaseId("", "", "", "", Evidence.note("no /etc/os-release, /usr/lib/os-release or /etc/redhat-release"));
    }

    static ReleaseId fromRedhatRelease(String line) {
        Matcher m = REDHAT_RELEASE.matcher(line);
        Evidence ev = Evidence.at("/etc/redhat-release", 1, line);
        if (!m.find()) {
            return new ReleaseId("", "", "", line, ev);
        }
        String distro = switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "centos" -> line.toLowerCase(Locale.ROOT).contains("stream") ? "centos-stream" : "centos";
            case "rocky linux" -> "rocky";
            case "almalinux" -> "almalinux";
            default -> "rhel";
        };
        return new ReleaseId(distro, m.group(2), "", line, ev);
    }

    public static ReleaseId of(OsRelease os) {
        String id = os.id().toLowerCase(Locale.ROOT);
        String version = os.versionId();
        String major = version.contains(".") ? version.substring(0, version.indexOf('.')) : version;
        String codename = os.get("VERSION_CODENAME");
        Evidence ev = os.evidence(version.isEmpty() ? "ID" : "VERSION_ID");
        String pretty = os.get("PRETTY_NAME").isEmpty() ? id + " " + version : os.get("PRETTY_NAME");
        return switch (id) {
            case "ubuntu" -> new ReleaseId("ubuntu", version, codename, pretty, ev);
            case "debian" -> new ReleaseId(version.isEmpty() ? "" : "debian", major, codename, pretty, ev);
            case "rhel", "rocky", "almalinux" -> new ReleaseId(id, major, codename, pretty, ev);
            case "centos" -> new ReleaseId(os.get("NAME").toLowerCase(Locale.ROOT).contains("stream") ? "centos-stream"
                    : "centos", major, codename, pretty, ev);
            default -> new ReleaseId("", version, codename, pretty, ev);
        };
    }

    public boolean known() {
        return !distro.isEmpty();
    }
}
