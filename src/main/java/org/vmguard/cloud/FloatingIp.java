package org.vmguard.cloud;

import com.fasterxml.jackson.databind.JsonNode;

/** A Neutron floating IP; {@code portId} null when it is not associated. */
public record FloatingIp(String id, String address, String fixedAddress, String portId, String region) {

    public static FloatingIp parse(JsonNode f, String region) {
        return new FloatingIp(f.path("id").asText(), f.path("floating_ip_address").asText(),
                f.hasNonNull("fixed_ip_address") ? f.path("fixed_ip_address").asText() : null,
                f.hasNonNull("port_id") ? f.path("port_id").asText() : null, region);
    }
}
