package org.vmguard.facts.update;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactException;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.OsRelease;
import org.vmguard.facts.apt.SecurityLists;
import org.vmguard.facts.packages.InstalledPackages;
import org.vmguard.target.ExecResult;

/**
 * Security updates waiting to be installed (live hosts only). Debian and Ubuntu: the security
 * archives' indexes in APT's lists against dpkg's installed versions (fast, and exactly what apt
 * knows); where those indexes are in a compression vmguard does not read, APT's own simulation
 * {@code apt-get -s -o Debug::NoLocking=1 dist-upgrade} (dist-upgrade rather than upgrade, so that
 * a kernel update that brings a new package still counts). RHEL family:
 * {@code dnf updateinfo list --security -q}.
 *
 * @param command what the answer comes from: the command run, or the lists read
 * @param unavailable why nothing could be judged ("" when it could)
 */
public record PendingUpdates(String command, List<Update> security, int total, String unavailable) {

    public static final FactKey<PendingUpdates> KEY = FactKey.of("pending-updates", PendingUpdates::load);
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    /** @param origin the archive or advisory that carries it */
    public record Update(String name, String from, String to, String origin, Evidence evidence) {
    }

    static PendingUpdates load(Host host) {
        if (!host.target().canExec()) {
            return new PendingUpdates("", List.of(), 0, "commands cannot run on this target");
        }
        OsRelease os = host.fact(OsRelease.KEY);
        if (os.debianFamily() || host.stat("/usr/bin/apt-get").isPresent() && !os.rhelFamily()) {
            SecurityLists lists = SecurityLists.load(host);
            if (lists.unreadable().isEmpty()) {
                if (lists.files().isEmpty()) {
                    return new PendingUpdates("", List.of(), 0, "APT's lists hold no index of a security archive"
                            + " (apt-get update never ran here, or no -security source is configured)");
                }
                return fromLists(lists, host.fact(InstalledPackages.KEY));
            }
            if (host.stat("/usr/bin/apt-get").isEmpty()) {
                return new PendingUpdates("", List.of(), 0, "apt-get is not installed");
            }
            String[] argv = {"apt-get", "-s", "-o", "Debug::NoLocking=1", "dist-upgrade"};
            ExecResult r = run(host, argv);
            if (!r.ok()) {
                throw new FactException(String.join(" ", argv) + " failed (exit " + r.exitCode() + "): "
                        + clip(r.stderr().strip()));
            }
            return parseApt(String.join(" ", argv), r.stdout());
        }
        if (os.rhelFamily()) {
            String tool = host.stat("/usr/bin/dnf").isPresent() ? "dnf"
                    : host.stat("/usr/bin/yum").isPresent() ? "yum" : "";
            if (tool.isEmpty()) {
                return new PendingUpdates("", List.of(), 0, "neither dnf nor yum is installed");
            }
            String[] argv = {tool, "updateinfo", "list", "--security", "-q"};
            ExecResult r = run(host, argv);
            if (!r.ok()) {
                throw new FactException(String.join(" ", argv) + " failed (exit " + r.exitCode() + "): "
                        + clip(r.stderr().strip()));
            }
            return parseDnf(String.join(" ", argv), r.stdout());
        }
        return new PendingUpdates("", List.of(), 0, "no supported package manager for " + os.id());
    }

    private static PendingUpdates fromLists(SecurityLists lists, InstalledPackages installed) {
        List<Update> out = new ArrayList<>();
        for (SecurityLists.Pending p : lists.pending(installed)) {
            String suite = lists.suiteOf(p.offer().path()).orElse("security");
            out.add(new Update(p.installed().name(), p.installed().version(), p.offer().version(), suite,
                    Evidence.at(p.offer().path(), p.offer().line(), p.installed().name() + " " + p.offer().version()
                            + " (installed: " + p.installed().version() + ")")));
        }
        String source = lists.files().size() + " security index(es) in " + SecurityLists.DIR + " against "
                + installed.database();
        return new PendingUpdates(source, List.copyOf(out), out.size(), "");
    }

    private static ExecResult run(Host host, String[] argv) {
        return host.exec(TIMEOUT, argv).orElseThrow(() -> new FactException("cannot run " + argv[0]));
    }

    private static final Pattern INST = Pattern.compile(
            "^Inst (\\S+) (?:\\[([^\\]]*)\\] )?\\((\\S+) (.*?)(?: \\[[^\\]]*\\])?\\)(?: \\[.*\\])?\\s*$");

    /**
     * The "Inst" lines of an APT simulation: {@code Inst pkg [old] (new Origin:Version/suite, … [arch])}.
     * An update counts as a security update when one of its archives is a -security suite.
     */
    public static PendingUpdates parseApt(String command, String output) {
        List<Update> security = new ArrayList<>();
        int total = 0;
        for (String line : output.split("\n")) {
            if (!line.startsWith("Inst ")) {
                continue;
            }
            Matcher m = INST.matcher(line);
            if (!m.matches()) {
                continue;
            }
            total++;
            String origins = m.group(4);
            for (String o : origins.split(",\\s*")) {
                int slash = o.lastIndexOf('/');
                String suite = slash >= 0 ? o.substring(slash + 1) : "";
                String label = o.contains(":") ? o.substring(0, o.indexOf(':')) : o;
                if (suite.endsWith("-security") || label.endsWith("-Security")) {
                    security.add(new Update(m.group(1), m.group(2) == null ? "" : m.group(2), m.group(3), o.strip(),
                            Evidence.command(command, clip(line))));
                    break;
                }
            }
        }
        return new PendingUpdates(command, List.copyOf(security), total, "");
    }

    /** dnf updateinfo list --security: "RHSA-2024:3339 Important/Sec. glibc-2.34-100.el9_4.2.x86_64". */
    public static PendingUpdates parseDnf(String command, String output) {
        List<Update> security = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 3 && f[1].contains("Sec")) {
                security.add(new Update(f[2], "", f[2], f[0] + " " + f[1], Evidence.command(command, clip(line.strip()))));
            }
        }
        return new PendingUpdates(command, List.copyOf(security), security.size(), "");
    }

    public Optional<String> commandRun() {
        return command.isEmpty() ? Optional.empty() : Optional.of(command);
    }

    private static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
