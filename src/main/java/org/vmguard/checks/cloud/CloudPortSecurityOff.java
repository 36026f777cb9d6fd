package org.vmguard.checks.cloud;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vmguard.cloud.CloudProject;
import org.vmguard.cloud.Server;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;

public final class CloudPortSecurityOff implements Check<CloudProject> {

    static final CheckInfo INFO = CloudCheckInfo.of("cloud.port-security-off",
            "Every server port has port security on", Severity.HIGH,
            "With port security disabled Neutron applies no security group at all to the port (and no "
                    + "anti-spoofing): every port of the server is open to whatever can route to it, whatever the "
                    + "groups say.",
            "Turn it back on and give the port its groups: openstack port set --enable-port-security "
                    + "--security-group GROUP PORT_ID (routers and VPN gateways that need spoofing use "
                    + "allowed-address-pairs instead).",
            "Nectar: Security Groups", "OpenStack Security Guide: Networking — port security");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(CloudProject p) {
        Map<String, Server> servers = new HashMap<>();
        p.servers().forEach(s -> servers.put(s.id(), s));
        List<Evidence> off = p.ports().stream().filter(port -> port.ofServer() && !port.portSecurity())
                .map(port -> {
                    Server s = servers.get(port.deviceId());
                    List<String> fips = p.floatingIpsOf(port);
                    return Evidence.file("/v2.0/ports/" + port.id(), "port " + port.id() + " of server "
                            + (s == null ? port.deviceId() : s.name() + " (" + s.id() + ")") + ", region " + port.region()
                            + ": port_security_enabled false, addresses " + String.join(", ", port.addresses())
                            + (fips.isEmpty() ? "" : ", floating " + String.join(", ", fips)));
                }).toList();
        if (!off.isEmpty()) {
            return Outcome.fail(off.size() + " server port(s) have port security disabled", off);
        }
        long n = p.ports().stream().filter(port -> port.ofServer()).count();
        return Outcome.pass("port security is on for all " + n + " server port(s)");
    }
}
