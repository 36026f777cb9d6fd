package org.vmguard.checks.service;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.systemd.SystemdUnits;

public final class ServiceUnneeded implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("service.unneeded",
            "No commonly unneeded service is enabled", Severity.LOW,
            "Printing, service discovery, NFS, inetd, FTP, SNMP and Bluetooth daemons come with desktop-style "
                    + "images but serve no purpose on a cloud VM; each is code that runs as root and listens.",
            "systemctl disable --now UNIT for each unit named (or apt-get purge its package); "
                    + "systemctl mask UNIT keeps a dependency from starting it again.",
            "Disable services you don't need", "CIS Debian 12 2.1.x / 2.2.x: ensure special purpose services are not in use");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        SystemdUnits units = host.fact(SystemdUnits.KEY);
        List<Evidence> ev = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String unit : ServiceCatalogue.UNNEEDED_UNITS) {
            SystemdUnits.State st = units.state(unit);
            if (st.enabled()) {
                names.add(unit + (st.kind() == SystemdUnits.Kind.PRESET_ENABLED ? " (by preset, at first boot)" : ""));
                ev.addAll(st.evidence());
            }
        }
        if (ev.isEmpty()) {
            return Outcome.pass("none of " + ServiceCatalogue.UNNEEDED_UNITS.size() + " commonly unneeded units is enabled");
        }
        return Outcome.fail("enabled: " + String.join(", ", names), ev);
    }
}
