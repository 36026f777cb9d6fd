package org.vmguard.facts.logging;

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
 * The syslog daemons of a host (rsyslog, syslog-ng): installed, running (live) or enabled (image),
 * and where they forward logs.
 */
public record Syslog(List<Daemon> daemons) {

    public static final FactKey<Syslog> KEY = FactKey.of("syslog", Syslog::load);

    /**
     * @param active running on a live host, enabled at boot on an image
     * @param forwards its remote destinations; empty when its configuration could not be read ({@code problem})
     */
    public record Daemon(String name, boolean active, Evidence activeEvidence, List<Rsyslog.Forward> forwards,
            String problem) {
    }

    static Syslog load(Host host) {
        SystemdUnits units = host.fact(SystemdUnits.KEY);
        Processes procs = host.fact(Processes.KEY);
        List<Daemon> out = new ArrayList<>();
        Rsyslog.Files files = Rsyslog.files(host::text, p -> p.endsWith("/")
                ? host.list(p).stream().map(n -> p + n).filter(x -> host.stat(x).map(s -> s.isRegularFile()).orElse(false)).toList()
                : PathGlob.expand(host, p));
        if (host.stat("/usr/sbin/rsyslogd").isPresent() || host.stat(Rsyslog.CONF).isPresent()) {
            out.add(daemon(host, units, procs, "rsyslog", "rsyslog.service", "rsyslogd", () -> {
                Optional<String> t = host.text(Rsyslog.CONF);
                return t.map(x -> Rsyslog.parse(Rsyslog.CONF, x, files).forwards()).orElse(List.of());
            }));
        }
        if (host.stat("/usr/sbin/syslog-ng").isPresent() || host.stat(SyslogNg.CONF).isPresent()) {
            out.add(daemon(host, units, procs, "syslog-ng", "syslog-ng.service", "syslog-ng", () -> {
                Optional<String> t = host.text(SyslogNg.CONF);
                return t.map(x -> SyslogNg.parse(SyslogNg.CONF, x, files)).orElse(List.of());
            }));
        }
        return new Syslog(List.copyOf(out));
    }

    private static Daemon daemon(Host host, SystemdUnits units, Processes procs, String name, String unit,
            String program, java.util.function.Supplier<List<Rsyslog.Forward>> forwards) {
        boolean active;
        Evidence ev;
        if (procs.live()) {
            List<Processes.Proc> p = procs.named(program);
            active = !p.isEmpty();
            ev = Evidence.note(active ? program + " runs (pid " + p.get(0).pid() + ")" : program + " is not running");
        } else {
            SystemdUnits.State st = units.state(unit);
            active = st.enabled();
            ev = st.evidence().isEmpty() ? Evidence.note(unit + ": " + st.kind().name().toLowerCase()) : st.evidence().get(0);
        }
        try {
            return new Daemon(name, active, ev, forwards.get(), "");
        } catch (FactException e) {
            return new Daemon(name, active, ev, List.of(), e.getMessage());
        }
    }

    public List<Daemon> active() {
        return daemons.stream().filter(Daemon::active).toList();
    }
}
