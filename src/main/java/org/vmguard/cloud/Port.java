package org.vmguard.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A Neutron port. {@code portSecurity} false means no security group applies to it at all.
 *
 * @param addresses its fixed IP addresses
 */
public record Port(String id, String name, String networkId, String deviceId, String deviceOwner,
        List<String> addresses, List<String> securityGroups, boolean portSecurity, String region) {

    public Port {
        addresses = List.copyOf(addresses);
        securityGroups = List.copyOf(securityGroups);
    }

    public static Port parse(JsonNode p, String region) {
        List<String> ips = new ArrayList<>();
        p.path("fixed_ips").forEach(f -> ips.add(f.path("ip_address").asText()));
        List<String> groups = new ArrayList<>();
        p.path("security_groups").forEach(g -> groups.add(g.asText()));
        // an absent port_security_enabled (extension off) means Neutron applies the groups
        boolean security = !p.has("port_security_enabled") || p.path("port_security_enabled").asBoolean(true);
        return new Port(p.path("id").asText(), p.path("name").asText(), p.path("network_id").asText(),
                p.path("device_id").asText(), p.path("device_owner").asText(), ips, groups, security, region);
    }

    /** A server's interface (Nova sets device_owner compute:AZ). */
    public boolean ofServer() {
        return deviceOwner.startsWith("compute:") && !deviceId.isEmpty();
    }
}
