package org.vmguard.facts.firewall;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactException;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.systemd.SystemdUnits;
import org.vmguard.target.ExecResult;

/**
 * The host firewall: each tool's configuration (ufw, nftables, iptables-persistent or the RHEL
 * iptables service, firewalld), whether it is enabled at boot, and on a live host the ruleset the
 * kernel has loaded, which decides when it can be read.
 *
 * @param tools the firewall tools installed on the target
 * @param loaded the kernel's ruleset (live hosts, when `nft` or `iptables-save` could list it)
 * @param loadedNote why the loaded ruleset is not known, or "" when it is
 */
public record Firewall(List<Tool> tools, Optional<Ruleset> loaded, String loadedNote) {

    public static final FactKey<Firewall> KEY = FactKey.of("firewall", Firewall::load);

    /**
     * One installed tool.
     *
     * @param enabled whether it applies its rules at boot, with the line or link that says so
     * @param ruleset its configured rules; null when its configuration could not be read ({@code problem})
     */
    public record Tool(String name, boolean enabled, Evidence enabledBy, Ruleset ruleset, String problem) {
    }

    /** The ruleset that decides: the loaded one, else the enabled tools' configured ones. */
    public List<Ruleset> effective() {
        if (loaded.isPresent()) {
            return List.of(loaded.get());
        }
        return tools.stream().filter(Tool::enabled).filter(t -> t.ruleset() != null).map(Tool::ruleset).toList();
    }

    /** Enabled tools whose configuration could not be read. */
    public List<Tool> unreadable() {
        return tools.stream().filter(t -> t.enabled() && t.ruleset() == null).toList();
    }

    public List<Tool> enabledTools() {
        return tools.stream().filter(Tool::enabled).toList();
    }

    static Firewall load(Host host) {
        SystemdUnits units = host.fact(SystemdUnits.KEY);
        List<Tool> tools = new ArrayList<>();
        ufw(host).ifPresent(tools::add);
        nftables(host, units).ifPresent(tools::add);
        iptables(host, units).ifPresent(tools::add);
        firewalld(host, units).ifPresent(tools::add);
        Optional<Ruleset> loaded = Optional.empty();
        String note = "";
        if (!host.kind().live()) {
            note = "an offline image has no loaded ruleset";
        } else {
            try {
                loaded = loaded(host);
                if (loaded.isEmpty()) {
                    note = "neither nft nor iptables-save is installed";
                }
            } catch (FactException e) {
                note = e.getMessage();
            }
        }
        return new Firewall(List.copyOf(tools), loaded, note);
    }

    /** nft's JSON listing, else iptables-save; a failure (not root) is a FactException with the output. */
    static Optional<Ruleset> loaded(Host host) {
        // iptables-legacy tables are invisible to nft; the kernel lists them here when there are any
        boolean legacy = !host.text("/proc/net/ip_tables_names").orElse("").isBlank();
        String nft = which(host, "nft");
        if (nft != null) {
            Optional<ExecResult> r = host.exec(Duration.ofSeconds(10), nft, "-j", "list", "ruleset");
            if (r.isPresent()) {
                if (!r.get().ok()) {
                    throw new FactException("`nft -j list ruleset` failed: " + r.get().stderr().strip());
                }
                Ruleset rs = NftJson.parse("nft -j list ruleset", r.get().stdout());
                if (!rs.inputs().isEmpty() || !legacy) {
                    return Optional.of(rs);
                }
            }
        }
        String save = which(host, "iptables-save");
        if (save != null && (nft == null || legacy)) {
            Optional<ExecResult> r = host.exec(Duration.ofSeconds(10), save);
            if (r.isPresent()) {
                if (!r.get().ok()) {
                    throw new FactException("`iptables-save` failed: " + r.get().stderr().strip());
                }
                return Optional.of(IptablesSave.parse("iptables-save", r.get().stdout()).ruleset("iptables-save"));
            }
        }
        return Optional.empty();
    }

    static String which(Host host, String name) {
        for (String dir : List.of("/usr/sbin/", "/sbin/", "/usr/bin/", "/bin/")) {
            if (host.stat(dir + name).isPresent()) {
                return dir + name;
            }
        }
        return null;
    }

    static Optional<Tool> ufw(Host host) {
        Optional<String> conf = host.text(Ufw.CONF);
        if (conf.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Evidence> c = Ufw.shellVars(Ufw.CONF, conf.get());
        Evidence enabled = c.getOrDefault("ENABLED", Evidence.note("ENABLED unset in " + Ufw.CONF + " (ufw: no)"));
        boolean on = c.containsKey("ENABLED") && Ufw.value(enabled).equalsIgnoreCase("yes");
        Map<String, Evidence> d = host.text(Ufw.DEFAULTS).map(t -> Ufw.shellVars(Ufw.DEFAULTS, t)).orElse(Map.of());
        Evidence policy = d.getOrDefault("DEFAULT_INPUT_POLICY",
                Evidence.note("DEFAULT_INPUT_POLICY=\"DROP\" (ufw's default)"));
        try {
            IptablesSave.Tables user = host.text(Ufw.USER_RULES).map(t -> IptablesSave.parse(Ufw.USER_RULES, t))
                    .orElse(new IptablesSave.Tables(Map.of()));
            return Optional.of(new Tool("ufw", on, enabled, Ufw.ruleset(policy, user), ""));
        } catch (FactException e) {
            return Optional.of(new Tool("ufw", on, enabled, null, e.getMessage()));
        }
    }

    static Optional<Tool> nftables(Host host, SystemdUnits units) {
        String path = host.stat("/etc/sysconfig/nftables.conf").isPresent() && host.stat("/etc/nftables.conf").isEmpty()
                ? "/etc/sysconfig/nftables.conf" : "/etc/nftables.conf";
        SystemdUnits.State st = units.state("nftables.service");
        Optional<String> text = host.text(path);
        if (text.isEmpty() && !st.installed()) {
            return Optional.empty();
        }
        Evidence why = st.evidence().isEmpty() ? Evidence.note("nftables.service: " + st.kind()) : st.evidence().get(0);
        if (text.isEmpty()) {
            return Optional.of(new Tool("nftables", st.enabled(), why, null, path + " does not exist"));
        }
        try {
            Nftables.Script s = Nftables.parse(path, text.get(), files(host));
            return Optional.of(new Tool("nftables", st.enabled(), why, s.ruleset(path), ""));
        } catch (FactException e) {
            return Optional.of(new Tool("nftables", st.enabled(), why, null, e.getMessage()));
        }
    }

    static Optional<Tool> iptables(Host host, SystemdUnits units) {
        String path;
        SystemdUnits.State st;
        if (host.stat("/etc/iptables/rules.v4").isPresent() || units.state("netfilter-persistent.service").installed()) {
            path = "/etc/iptables/rules.v4";
            st = units.state("netfilter-persistent.service");
        } else if (host.stat("/etc/sysconfig/iptables").isPresent() || units.state("iptables.service").installed()) {
            path = "/etc/sysconfig/iptables";
            st = units.state("iptables.service");
        } else {
            return Optional.empty();
        }
        Evidence why = st.evidence().isEmpty() ? Evidence.note(st.unit() + ": " + st.kind()) : st.evidence().get(0);
        Optional<String> text = host.text(path);
        if (text.isEmpty()) {
            return Optional.of(new Tool("iptables", st.enabled(), why, null, path + " does not exist"));
        }
        try {
            return Optional.of(new Tool("iptables", st.enabled(), why, IptablesSave.parse(path, text.get()).ruleset(path), ""));
        } catch (FactException e) {
            return Optional.of(new Tool("iptables", st.enabled(), why, null, e.getMessage()));
        }
    }

    static Optional<Tool> firewalld(Host host, SystemdUnits units) {
        SystemdUnits.State st = units.state("firewalld.service");
        Optional<String> conf = host.text(Firewalld.CONF);
        if (conf.isEmpty() && !st.installed()) {
            return Optional.empty();
        }
        Evidence why = st.evidence().isEmpty() ? Evidence.note("firewalld.service: " + st.kind()) : st.evidence().get(0);
        try {
            Evidence zoneLine = Firewalld.defaultZone(Firewalld.CONF, conf.orElse(""));
            String zone = Firewalld.zoneName(zoneLine);
            String zonePath = null;
            String xml = null;
            for (String dir : List.of("/etc/firewalld/zones/", "/usr/lib/firewalld/zones/")) {
                Optional<String> t = host.text(dir + zone + ".xml");
                if (t.isPresent()) {
                    zonePath = dir + zone + ".xml";
                    xml = t.get();
                    break;
                }
            }
            if (xml == null) {
                return Optional.of(new Tool("firewalld", st.enabled(), why, null, "default zone " + zone + " ("
                        + zoneLine.where() + ") has no zone file"));
            }
            Ruleset rs = Firewalld.zone(zonePath, xml, name -> {
                for (String dir : List.of("/etc/firewalld/services/", "/usr/lib/firewalld/services/")) {
                    Optional<String> t = host.text(dir + name + ".xml");
                    if (t.isPresent()) {
                        return Optional.of(Firewalld.servicePorts(dir + name + ".xml", t.get()));
                    }
                }
                return Optional.empty();
            });
            return Optional.of(new Tool("firewalld", st.enabled(), why, rs, ""));
        } catch (FactException e) {
            return Optional.of(new Tool("firewalld", st.enabled(), why, null, e.getMessage()));
        }
    }

    /** Included files through the host. */
    static Nftables.Files files(Host host) {
        return Nftables.files(host::text, pattern -> org.vmguard.facts.PathGlob.expand(host, pattern));
    }
}
