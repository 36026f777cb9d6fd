package org.vmguard.cloud;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vmguard.facts.FactException;

/**
 * The facts the cloud.* checks judge: one project's servers, ports, floating IPs, security groups
 * (with rules) and address groups in the audited regions, listed in bulk and joined here, plus what
 * the hosts listen on when host results were given.
 *
 * @param addressGroupsListed false when Neutron has no address-group extension (rules that name one cannot be judged)
 */
public record CloudProject(String projectName, String projectId, List<String> regions, List<Server> servers,
        List<Port> ports, List<FloatingIp> floatingIps, List<SecurityGroup> groups, List<AddressGroup> addressGroups,
        boolean addressGroupsListed, Listeners listeners) {

    public CloudProject {
        regions = List.copyOf(regions);
        servers = List.copyOf(servers);
        ports = List.copyOf(ports);
        floatingIps = List.copyOf(floatingIps);
        groups = List.copyOf(groups);
        addressGroups = List.copyOf(addressGroups);
    }

    public CloudProject withListeners(Listeners l) {
        return new CloudProject(projectName, projectId, regions, servers, ports, floatingIps, groups, addressGroups,
                addressGroupsListed, l);
    }

    /** A server's public addresses: floating IPs on its ports and globally routable fixed addresses. */
    public record PublicAddresses(Server server, List<String> addresses, List<Port> ports) {
    }

    public List<Port> portsOf(Server s) {
        return ports.stream().filter(p -> p.deviceId().equals(s.id())).toList();
    }

    public List<String> floatingIpsOf(Port p) {
        return floatingIps.stream().filter(f -> p.id().equals(f.portId())).map(FloatingIp::address).toList();
    }

    /** Every server with the public addresses it has (possibly none), in listing order. */
    public List<PublicAddresses> publicAddresses() {
        Map<String, List<Port>> byServer = new HashMap<>();
        for (Port p : ports) {
            byServer.computeIfAbsent(p.deviceId(), k -> new ArrayList<>()).add(p);
        }
        Map<String, List<String>> fips = new HashMap<>();
        for (FloatingIp f : floatingIps) {
            if (f.portId() != null) {
                fips.computeIfAbsent(f.portId(), k -> new ArrayList<>()).add(f.address());
            }
        }
        List<PublicAddresses> out = new ArrayList<>();
        for (Server s : servers) {
            Set<String> addrs = new LinkedHashSet<>();
            List<Port> ps = byServer.getOrDefault(s.id(), List.of());
            for (Port p : ps) {
                addrs.addAll(fips.getOrDefault(p.id(), List.of()));
                p.addresses().stream().filter(Cidr::isGlobal).forEach(addrs::add);
            }
            out.add(new PublicAddresses(s, List.copyOf(addrs), ps));
        }
        return out;
    }

    public Optional<SecurityGroup> group(String id) {
        return groups.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    /**
     * Does this ingress rule admit the whole world: 0.0.0.0/0, ::/0, no remote at all, or an
     * address group that holds such a prefix? A rule whose remote is another group admits only
     * that group's members.
     *
     * @throws FactException when the rule names an address group that was not listed
     */
    public boolean fromWorld(SecurityRule r) {
        if (!r.ingress() || r.remoteGroupId() != null) {
            return false;
        }
        if (r.remoteAddressGroupId() != null) {
            AddressGroup ag = addressGroups.stream().filter(a -> a.id().equals(r.remoteAddressGroupId())).findFirst()
                    .orElseThrow(() -> new FactException("rule " + r.id() + " of group " + r.groupId()
                            + " names address group " + r.remoteAddressGroupId() + ", which "
                            + (addressGroupsListed ? "is not in the listing" : "could not be listed (no address-group extension)")));
            return ag.addresses().stream().anyMatch(CloudProject::everything);
        }
        return r.remoteIpPrefix() == null || everything(r.remoteIpPrefix());
    }

    /** "0.0.0.0/0", "address group web-clients (0.0.0.0/0)", "anywhere (no remote)". */
    public String remote(SecurityRule r) {
        if (r.remoteGroupId() != null) {
            return "members of group " + r.remoteGroupId();
        }
        if (r.remoteAddressGroupId() != null) {
            return addressGroups.stream().filter(a -> a.id().equals(r.remoteAddressGroupId())).findFirst()
                    .map(a -> "address group " + a.name() + " " + a.id() + " (" + String.join(", ", a.addresses()) + ")")
                    .orElse("address group " + r.remoteAddressGroupId());
        }
        return r.remoteIpPrefix() == null ? "anywhere (no remote prefix or group)" : r.remoteIpPrefix();
    }

    private static boolean everything(String prefix) {
        try {
            return Cidr.parse(prefix).everything();
        } catch (IllegalArgumentException e) {
            throw new FactException("security group rule prefix '" + prefix + "' is not an address prefix");
        }
    }
}
