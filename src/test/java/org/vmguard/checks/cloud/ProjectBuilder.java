package org.vmguard.checks.cloud;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.cloud.AddressGroup;
import org.vmguard.cloud.CloudProject;
import org.vmguard.cloud.FloatingIp;
import org.vmguard.cloud.Listeners;
import org.vmguard.cloud.Port;
import org.vmguard.cloud.SecurityGroup;
import org.vmguard.cloud.SecurityRule;
import org.vmguard.cloud.Server;

/** Builds the facts of a project for the checks' unit tests, without any HTTP. */
final class ProjectBuilder {

    private final List<Server> servers = new ArrayList<>();
    private final List<Port> ports = new ArrayList<>();
    private final List<FloatingIp> fips = new ArrayList<>();
    private final List<SecurityGroup> groups = new ArrayList<>();
    private final List<AddressGroup> addressGroups = new ArrayList<>();
    private Listeners listeners = Listeners.NONE;
    private boolean addressGroupsListed = true;

    ProjectBuilder group(String id, String name, SecurityRule... rules) {
        groups.add(new SecurityGroup(id, name, "p1", "RegionOne", List.of(rules)));
        return this;
    }

    ProjectBuilder server(String id, String name) {
        servers.add(new Server(id, name, "ACTIVE", "img", List.of(), false, "RegionOne"));
        return this;
    }

    ProjectBuilder port(String id, String serverId, String address, boolean security, String... groupIds) {
        ports.add(new Port(id, "", "net", serverId, serverId.isEmpty() ? "network:router_interface" : "compute:nova",
                List.of(address), List.of(groupIds), security, "RegionOne"));
        return this;
    }

    ProjectBuilder floatingIp(String address, String portId) {
        fips.add(new FloatingIp("fip-" + address, address, null, portId, "RegionOne"));
        return this;
    }

    ProjectBuilder addressGroup(String id, String... prefixes) {
        addressGroups.add(new AddressGroup(id, "ag " + id, List.of(prefixes), "RegionOne"));
        return this;
    }

    ProjectBuilder noAddressGroupExtension() {
        addressGroupsListed = false;
        return this;
    }

    ProjectBuilder listeners(Listeners l) {
        listeners = l;
        return this;
    }

    CloudProject build() {
        return new CloudProject("demo", "p1", List.of("RegionOne"), servers, ports, fips, groups, addressGroups,
                addressGroupsListed, listeners);
    }

    /** An ingress rule; remote is a prefix, "group:ID", "ag:ID" or null (no remote at all). */
    static SecurityRule in(String id, String ethertype, String protocol, Integer min, Integer max, String remote) {
        return new SecurityRule(id, "g", "ingress", ethertype, protocol, min, max,
                remote == null || remote.contains(":") && (remote.startsWith("group:") || remote.startsWith("ag:")) ? null : remote,
                remote != null && remote.startsWith("group:") ? remote.substring(6) : null,
                remote != null && remote.startsWith("ag:") ? remote.substring(3) : null);
    }

    static SecurityRule out(String id, String ethertype) {
        return new SecurityRule(id, "g", "egress", ethertype, null, null, null, null, null, null);
    }
}
