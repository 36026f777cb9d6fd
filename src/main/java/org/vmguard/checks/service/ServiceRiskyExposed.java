package org.vmguard.checks.service;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.db.Databases;
import org.vmguard.facts.mail.Listener;
import org.vmguard.facts.net.Sockets;
import org.vmguard.facts.systemd.SystemdUnits;

public final class ServiceRiskyExposed implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("service.risky-exposed",
            "No commonly attacked service listens on a public address", Severity.HIGH,
            "telnet, FTP, rpcbind, X11, VNC, SMB, SNMP, databases, memcached, Redis and the Docker API are "
                    + "scanned for continuously; exposed, they are broken into or abused for amplification.",
            "Bind the service to 127.0.0.1 (or a private address) in its configuration, or stop and disable it "
                    + "(systemctl disable --now UNIT); reach it through an SSH tunnel (ssh -L) instead. Keep the "
                    + "cloud security group closed for its port as a second layer.",
            "Disable services you don't need; firewall the rest", "CIS Debian 12 2.2.x: special purpose services");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        Sockets sockets = host.fact(Sockets.KEY);
        List<Evidence> ev = new ArrayList<>();
        List<String> what = new ArrayList<>();
        if (sockets.live()) {
            for (Sockets.Socket s : sockets.exposed()) {
                ServiceCatalogue.byPort(s.protocol(), s.port()).filter(ServiceCatalogue.Service::risky).ifPresent(svc -> {
                    what.add(svc.name() + " on " + s.endpoint());
                    ev.add(s.evidence());
                });
            }
            if (ev.isEmpty()) {
                return Outcome.pass("no listening socket on a public address belongs to a commonly attacked service ("
                        + sockets.exposed().size() + " public listener(s) seen in /proc/net)");
            }
            return Outcome.fail("listening on a public address: " + String.join(", ", what), ev);
        }
        // an offline image: judge from what is enabled and from the services' own configuration
        SystemdUnits units = host.fact(SystemdUnits.KEY);
        for (ServiceCatalogue.Service svc : ServiceCatalogue.SERVICES) {
            if (!svc.risky()) {
                continue;
            }
            for (String unit : svc.units()) {
                SystemdUnits.State st = units.state(unit);
                if (st.enabled()) {
                    what.add(svc.name() + " (" + unit + " is enabled and listens on every address by default)");
                    ev.addAll(st.evidence());
                }
            }
        }
        for (Databases.Database d : host.fact(Databases.KEY).databases()) {
            for (Listener l : d.exposed()) {
                what.add(d.name() + " configured on " + (l.address().equals("*") ? "every address" : l.address()));
                ev.add(l.evidence());
            }
        }
        if (ev.isEmpty()) {
            return Outcome.pass("no commonly attacked service is enabled or configured on a public address");
        }
        return Outcome.fail(String.join("; ", what), ev);
    }
}
