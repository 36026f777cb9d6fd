package org.vmguard.facts.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;

/**
 * Debian and Ubuntu's reboot flag: /var/run/reboot-required, written by package maintainer
 * scripts (update-notifier-common, kernel postinst hooks), with the packages that asked for it in
 * /var/run/reboot-required.pkgs.
 */
public record RebootRequired(boolean required, List<Evidence> packages) {

    public static final String FLAG = "/var/run/reboot-required";
    public static final String PKGS = "/var/run/reboot-required.pkgs";
    public static final FactKey<RebootRequired> KEY = FactKey.of("reboot-required", RebootRequired::load);

    /** RHEL's answer on a live host: {@code needs-restarting -r} exits 1 when a reboot is needed. */
    public record NeedsRestarting(String command, boolean available, boolean required, String output) {
        public static final FactKey<NeedsRestarting> KEY = FactKey.of("needs-restarting", NeedsRestarting::load);
        static final String PROGRAM = "/usr/bin/needs-restarting";

        static NeedsRestarting load(Host host) {
            String command = "needs-restarting -r";
            if (!host.target().canExec() || host.stat(PROGRAM).isEmpty()) {
                return new NeedsRestarting(command, false, false, "");
            }
            org.vmguard.target.ExecResult r = host.exec(java.time.Duration.ofMinutes(1), "needs-restarting", "-r")
                    .orElseThrow(() -> new org.vmguard.facts.FactException("cannot run needs-restarting"));
            if (r.exitCode() > 1) {
                throw new org.vmguard.facts.FactException(command + " failed (exit " + r.exitCode() + "): "
                        + r.stderr().strip());
            }
            return new NeedsRestarting(command, true, r.exitCode() == 1, r.stdout().strip());
        }
    }

    static RebootRequired load(Host host) {
        if (host.stat(FLAG).isEmpty()) {
            return new RebootRequired(false, List.of());
        }
        return new RebootRequired(true, parsePkgs(PKGS, host.text(PKGS)));
    }

    /** One package name a line; duplicates are common (each trigger appends). */
    public static List<Evidence> parsePkgs(String path, Optional<String> text) {
        List<Evidence> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        String[] lines = text.get().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String p = lines[i].strip();
            if (!p.isEmpty() && seen.add(p)) {
                out.add(Evidence.at(path, i + 1, p.length() > 200 ? p.substring(0, 200) + "…" : p));
            }
        }
        return out;
    }
}
