package org.vmguard.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A Neutron address group: a named set of prefixes that rules may use as their remote. */
public record AddressGroup(String id, String name, List<String> addresses, String region) {

    public AddressGroup {
        addresses = List.copyOf(addresses);
    }

    public static AddressGroup parse(JsonNode g, String region) {
        List<String> a = new ArrayList<>();
        g.path("addresses").forEach(x -> a.add(x.asText()));
        return new AddressGroup(g.path("id").asText(), g.path("name").asText(), a, region);
    }
}
