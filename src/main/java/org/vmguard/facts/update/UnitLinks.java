package org.vmguard.facts.update;

import java.util.List;
import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.facts.Host;

/**
 * Whether a systemd unit is enabled or masked, read from the links systemctl creates: an
 * enabled unit has a link in {@code <target>.wants/} under /etc/systemd/system (or a vendor preset
 * link under /usr/lib/systemd/system), a masked one is a link to /dev/null in /etc/systemd/system.
 * This is what holds on the next boot, so it can be judged on an offline image too.
 */
public record UnitLinks(String unit, boolean enabled, boolean masked, boolean installed, List<Evidence> evidence) {

    static final List<String> UNIT_DIRS = List.of("/etc/systemd/system", "/run/systemd/system",
            "/usr/lib/systemd/system", "/lib/systemd/system");

    public static UnitLinks of(Host host, String unit, String wantedBy) {
        List<Evidence> ev = new java.util.ArrayList<>();
        boolean masked = false;
        for (String dir : List.of("/etc/systemd/system", "/run/systemd/system")) {
            Optional<String> link = host.readLink(dir + "/" + unit);
            if (link.isPresent() && link.get().equals("/dev/null")) {
                masked = true;
                ev.add(Evidence.file(dir + "/" + unit, "-> /dev/null (masked)"));
            }
        }
        boolean enabled = false;
        for (String dir : UNIT_DIRS) {
            String wants = dir + "/" + wantedBy + ".wants/" + unit;
            if (host.stat(wants).isPresent()) {
                enabled = true;
                ev.add(Evidence.file(wants, host.readLink(wants).map(l -> "-> " + l).orElse("present")));
                break;
            }
        }
        boolean installed = false;
        for (String dir : List.of("/usr/lib/systemd/system", "/lib/systemd/system", "/etc/systemd/system")) {
            if (host.stat(dir + "/" + unit).filter(s -> !s.isSymlink() || !"/dev/null".equals(
                    host.readLink(dir + "/" + unit).orElse(""))).isPresent()) {
                installed = true;
                break;
            }
        }
        return new UnitLinks(unit, enabled && !masked, masked, installed, List.copyOf(ev));
    }

    /** Is systemd itself present on the host (live or image)? Without it, timers never run. */
    public static boolean systemdPresent(Host host) {
        for (String p : List.of("/usr/lib/systemd/systemd", "/lib/systemd/systemd")) {
            if (host.stat(p).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
