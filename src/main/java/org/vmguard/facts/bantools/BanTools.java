package org.vmguard.facts.bantools;

import java.util.ArrayList;
import java.util.List;

import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactException;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.PathGlob;
import org.vmguard.facts.net.Processes;
import org.vmguard.facts.systemd.SystemdUnits;

/**
 * The intrusion-banning tools of a host (fail2ban, denyhosts, sshguard, CrowdSec): whether each
 * is installed, whether it runs (a live process) or is enabled at boot (an image), and what it
 * needs to work.
 *
 * @param fail2ban fail2ban's effective jails, when installed; null otherwise
 * @param fail2banProblem why fail2ban's configuration could not be read, or ""
 */
public record BanTools(List<Tool> tools, Fail2banConfig fail2ban, String fail2banProblem, Denyhosts denyhosts,
        Sshguard sshguard, Crowdsec crowdsec) {

    public static final FactKey<BanTools> KEY = FactKey.of("ban-tools", BanTools::load);

    /** One tool: installed, and active (running on a live host, enabled on an image). */
    public record Tool(String name, boolean active, Evidence evidence) {
    }

    /** denyhosts: where it writes, and whether sshd reads hosts.deny at all (libwrap). */
    public record Denyhosts(Evidence hostsDeny, Optional<Boolean> sshdLibwrap, Evidence libwrapEvidence) {
    }

    /** sshguard's firewall backend and whether that backend's tool is installed. */
    public record Sshguard(Evidence backend, boolean backendUsable, String backendNeeds) {
    }

    /** CrowdSec: whether a firewall bouncer is installed to act on its decisions. */
    public record Crowdsec(Optional<Evidence> bouncer, boolean bouncerToolUsable, String bouncerNeeds) {
    }

    public Optional<Tool> tool(String name) {
        return tools.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public static final String F2B_DIR = "/etc/fail2ban";

    static BanTools load(Host host) {
        SystemdUnits units = host.fact(SystemdUnits.KEY);
        Processes procs = host.fact(Processes.KEY);
        List<Tool> tools = new ArrayList<>();
        Fail2banConfig f2b = null;
        String f2bProblem = "";
        if (installed(host, "/usr/bin/fail2ban-server", "/etc/fail2ban/jail.conf")) {
            tools.add(tool(host, units, procs, "fail2ban", "fail2ban.service", "fail2ban-server"));
            try {
                f2b = Fail2banConfig.read(F2B_DIR, Fail2banConfig.files(host::text, host::list));
            } catch (FactException e) {
                f2bProblem = e.getMessage();
            }
        }
        Denyhosts dh = null;
        if (installed(host, "/usr/sbin/denyhosts", "/etc/denyhosts.conf")) {
            tools.add(tool(host, units, procs, "denyhosts", "denyhosts.service", "denyhosts", "denyhosts.py"));
            dh = denyhosts(host);
        }
        Sshguard sg = null;
        if (installed(host, "/usr/sbin/sshguard", "/etc/sshguard/sshguard.conf")) {
            tools.add(tool(host, units, procs, "sshguard", "sshguard.service", "sshguard"));
            sg = sshguard(host);
        }
        Crowdsec cs = null;
        if (installed(host, "/usr/bin/crowdsec", "/etc/crowdsec/config.yaml")) {
            tools.add(tool(host, units, procs, "crowdsec", "crowdsec.service", "crowdsec"));
            cs = crowdsec(host, units, procs);
        }
        return new BanTools(List.copyOf(tools), f2b, f2bProblem, dh, sg, cs);
    }

    static boolean installed(Host host, String... paths) {
        for (String p : paths) {
            if (host.stat(p).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** On a live host a running process decides; elsewhere (or when none runs) the unit's enablement. */
    static Tool tool(Host host, SystemdUnits units, Processes procs, String name, String unit, String... programs) {
        if (procs.live()) {
            List<Processes.Proc> p = procs.named(programs);
            if (!p.isEmpty()) {
                return new Tool(name, true, Evidence.note(programs[0] + " runs (pid " + p.get(0).pid() + ")"));
            }
            Optional<Boolean> active = units.isActive(unit);
            return new Tool(name, false, Evidence.note(programs[0] + " is not running" + active.map(a -> "").orElse("")));
        }
        SystemdUnits.State st = units.state(unit);
        Evidence ev = st.evidence().isEmpty() ? Evidence.note(unit + ": " + st.kind().name().toLowerCase()) : st.evidence().get(0);
        return new Tool(name, st.enabled(), ev);
    }

    static Denyhosts denyhosts(Host host) {
        String conf = "/etc/denyhosts.conf";
        Evidence deny = Evidence.note("HOSTS_DENY = /etc/hosts.deny (denyhosts' default)");
        Optional<String> t = host.text(conf);
        if (t.isPresent()) {
            String[] lines = t.get().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].strip();
                if (l.matches("(?i)HOSTS_DENY\\s*[=:].*")) {
                    deny = Evidence.at(conf, i + 1, l);
                }
            }
        }
        return libwrap(host, deny);
    }

    /**
     * Does sshd link libwrap? Read from the binaries' DT_NEEDED, which needs nothing to run.
     * OpenSSH 9.8+ accepts connections in sshd-session, so that binary counts too when present.
     */
    static Denyhosts libwrap(Host host, Evidence deny) {
        List<String> seen = new ArrayList<>();
        for (String bin : List.of("/usr/sbin/sshd", "/usr/lib/openssh/sshd-session")) {
            Optional<byte[]> bytes;
            try {
                bytes = host.target().read(bin);
            } catch (java.io.IOException e) {
                return new Denyhosts(deny, Optional.empty(), Evidence.note("cannot read " + bin + ": " + Host.describe(e)));
            }
            if (bytes.isEmpty()) {
                continue;
            }
            List<String> needed = ElfNeeded.needed(bin, bytes.get());
            Optional<String> wrap = needed.stream().filter(n -> n.startsWith("libwrap.")).findFirst();
            if (wrap.isPresent()) {
                return new Denyhosts(deny, Optional.of(true), Evidence.file(bin, "DT_NEEDED " + wrap.get()));
            }
            seen.add(bin + " needs " + String.join(", ", needed));
        }
        if (seen.isEmpty()) {
            return new Denyhosts(deny, Optional.empty(), Evidence.note("no sshd binary found"));
        }
        return new Denyhosts(deny, Optional.of(false), Evidence.note("no libwrap in DT_NEEDED: " + String.join("; ", seen)));
    }

    static Sshguard sshguard(Host host) {
        String conf = "/etc/sshguard/sshguard.conf";
        Evidence backend = Evidence.note("BACKEND unset in " + conf);
        Optional<String> t = host.text(conf);
        if (t.isPresent()) {
            String[] lines = t.get().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].strip();
                if (l.startsWith("BACKEND=")) {
                    backend = Evidence.at(conf, i + 1, l);
                }
            }
        }
        String b = backend.text().contains("=") ? backend.text().substring(backend.text().indexOf('=') + 1)
                .replace("\"", "").strip() : "";
        String needs = b.contains("nft") ? "nft" : b.contains("ipset") ? "ipset" : b.contains("iptables") ? "iptables"
                : b.contains("firewalld") ? "firewall-cmd" : b.contains("ipfw") ? "ipfw" : b.contains("pf") ? "pfctl" : "";
        boolean usable = !b.isEmpty() && host.stat(b).isPresent() && (needs.isEmpty() || binary(host, needs));
        return new Sshguard(backend, usable, needs.isEmpty() ? b : needs);
    }

    static Crowdsec crowdsec(Host host, SystemdUnits units, Processes procs) {
        String dir = "/etc/crowdsec/bouncers";
        for (String name : host.list(dir)) {
            if (!name.startsWith("crowdsec-firewall-bouncer") || !(name.endsWith(".yaml") || name.endsWith(".yml"))) {
                continue;
            }
            String path = dir + "/" + name;
            String mode = "";
            int line = 0;
            String[] lines = host.text(path).orElse("").split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].strip();
                if (l.startsWith("mode:")) {
                    mode = l.substring(5).replace("\"", "").replace("'", "").strip();
                    line = i + 1;
                }
            }
            String needs = mode.startsWith("ipset") ? "ipset" : mode.startsWith("nftables") ? "nft"
                    : mode.startsWith("pf") ? "pfctl" : "iptables";
            return new Crowdsec(Optional.of(Evidence.at(path, line, line > 0 ? "mode: " + mode : "(no mode: iptables)")),
                    binary(host, needs), needs);
        }
        return new Crowdsec(Optional.empty(), false, "a firewall bouncer (crowdsec-firewall-bouncer-nftables or -iptables)");
    }

    /** Is a program installed in the usual sbin/bin directories? */
    public static boolean binary(Host host, String name) {
        for (String d : List.of("/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/")) {
            if (host.stat(d + name).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** Does a log path (possibly a glob) name at least one existing file? */
    public static boolean logExists(Host host, String pattern) {
        if (PathGlob.hasMagic(pattern)) {
            return !PathGlob.expand(host, pattern).isEmpty();
        }
        return host.stat(pattern).isPresent();
    }

}
