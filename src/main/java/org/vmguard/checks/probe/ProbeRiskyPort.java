package org.vmguard.checks.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vmguard.checks.service.ServiceCatalogue;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.probe.NetworkHost;

public final class ProbeRiskyPort implements Check<NetworkHost> {

    static final CheckInfo INFO = CheckInfo.network("probe.risky-port",
            "No commonly attacked service accepts connections from the network", Severity.HIGH,
            "Databases, remote desktops, the Docker API, memcached, redis, SMB, telnet and the like are "
                    + "scanned for constantly; open to the world they are broken into, wiped for ransom or used "
                    + "for amplification. The probe knocks on their TCP ports (vmguard's service catalogue, "
                    + "the same list as service.risky-exposed; of a wide range such as VNC or X11, its first ten ports and its last).",
            "Bind the service to 127.0.0.1 or a private network in its own configuration, and close the port in "
                    + "the security group and the host firewall; reach it through an SSH tunnel "
                    + "(ssh -L 5432:localhost:5432 VM).",
            "Nectar: Security Groups - open only what you need", "CIS 2.2.x");

    /** A port to knock on, and the service it belongs to. */
    static final Map<Integer, String> PORTS = ports();

    private static Map<Integer, String> ports() {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (ServiceCatalogue.Service s : ServiceCatalogue.risky()) {
            if (s.protocol().equals("udp")) {
                continue;
            }
            int high = Math.min(s.high(), s.low() + 9); // wide ranges (VNC, X11, Elasticsearch): their first ports
            for (int p = s.low(); p <= high; p++) {
                m.putIfAbsent(p, s.name());
            }
            if (s.high() > high) {
                m.putIfAbsent(s.high(), s.name());
            }
        }
        return m;
    }

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(NetworkHost host) {
        return Answers.judge(host.openTcp(List.copyOf(PORTS.keySet())), seen -> {
            List<Evidence> open = new ArrayList<>();
            for (int port : seen.value()) {
                open.add(Evidence.command("tcp connect " + host.addressText() + ":" + port,
                        "tcp/" + port + " (" + PORTS.get(port) + ") accepted the connection"));
            }
            if (!open.isEmpty()) {
                return Outcome.fail(open.size() + " commonly attacked port(s) accept connections: "
                        + String.join(", ", seen.value().stream().map(p -> p + " (" + PORTS.get(p) + ")").toList()), open);
            }
            return Outcome.pass("none of the " + PORTS.size() + " commonly attacked TCP ports accepted a connection",
                    seen.evidence());
        });
    }
}
