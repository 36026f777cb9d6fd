package org.vmguard.facts.update;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.OsRelease;
import org.vmguard.facts.packages.DebVersion;
import org.vmguard.facts.packages.RpmVersion;

/**
 * The running kernel (live hosts: /proc/sys/kernel/osrelease) and the kernels installed for the
 * next boot (/boot/vmlinuz-*, else /lib/modules/{@literal *}/vmlinuz as RHEL 9 keeps them), compared
 * with the distribution's own version ordering: dpkg's on Debian and Ubuntu, rpm's on the RHEL family.
 *
 * @param running the running kernel release, empty on an offline image
 */
public record Kernels(Optional<String> running, List<String> installed, List<Evidence> evidence, boolean rpmOrder) {

    public static final FactKey<Kernels> KEY = FactKey.of("kernels", Kernels::load);
    public static final String OSRELEASE = "/proc/sys/kernel/osrelease";

    static Kernels load(Host host) {
        Optional<String> running = Optional.empty();
        if (host.kind().live()) {
            running = host.text(OSRELEASE).map(String::strip).filter(s -> !s.isEmpty());
        }
        TreeSet<String> found = new TreeSet<>();
        List<Evidence> ev = new ArrayList<>();
        for (String name : host.list("/boot")) {
            if (name.startsWith("vmlinuz-") && !name.contains("-rescue-")) {
                found.add(name.substring("vmlinuz-".length()));
                ev.add(Evidence.file("/boot/" + name, "installed kernel"));
            }
        }
        if (found.isEmpty()) {
            // RHEL 9 ships the image inside /lib/modules; elsewhere a kernel package's modules tree
            // (kernel/) marks it installed, where a removed one leaves at most depmod's files
            for (String name : host.list("/lib/modules")) {
                for (String marker : List.of("/vmlinuz", "/kernel")) {
                    if (host.stat("/lib/modules/" + name + marker).isPresent()) {
                        found.add(name);
                        ev.add(Evidence.file("/lib/modules/" + name + marker, "installed kernel"));
                        break;
                    }
                }
            }
        }
        boolean rpm = false;
        try {
            rpm = host.fact(OsRelease.KEY).rhelFamily();
        } catch (RuntimeException e) {
            // without os-release, judge by the version strings themselves
            rpm = found.stream().anyMatch(k -> k.contains(".el"));
        }
        return new Kernels(running, List.copyOf(found), List.copyOf(ev), rpm);
    }

    public Comparator<String> order() {
        return rpmOrder ? RpmVersion.ORDER : DebVersion.ORDER;
    }

    private static final Pattern DEB_FLAVOUR = Pattern.compile("^\\d+\\.\\d+(?:\\.\\d+)?-\\d+(?:\\.\\d+)*-(.+)$");

    /**
     * The flavour a kernel release belongs to: "cloud-amd64", "generic", "x86_64", "x86_64+debug".
     * Only kernels of the running flavour compete with it.
     */
    public static String flavour(String release) {
        Matcher m = DEB_FLAVOUR.matcher(release);
        if (m.matches()) {
            return m.group(1);
        }
        int plus = release.indexOf('+');
        String base = plus >= 0 ? release.substring(0, plus) : release;
        String variant = plus >= 0 ? release.substring(plus) : "";
        int dot = base.lastIndexOf('.');
        String arch = dot >= 0 ? base.substring(dot + 1) : "";
        return arch.matches("x86_64|aarch64|ppc64le|s390x|i686") ? arch + variant : variant;
    }

    /** The newest installed kernel of the running one's flavour. */
    public Optional<String> newestLike(String release) {
        String f = flavour(release);
        return installed.stream().filter(k -> flavour(k).equals(f)).max(order());
    }
}
