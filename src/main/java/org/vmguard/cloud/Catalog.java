package org.vmguard.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The service catalog of a Keystone v3 token: which URL serves a service type, through which
 * interface, in which region. A service is found under any of its type's aliases (the
 * service-types authority's list: a block-storage endpoint may be registered as volumev3).
 */
public record Catalog(List<Endpoint> endpoints) {

    /** One endpoint of the catalog. */
    public record Endpoint(String serviceType, String interfaceName, String region, String url) {
    }

    /** Aliases, most preferred first. */
    static final Map<String, List<String>> ALIASES = Map.of(
            "compute", List.of("compute"),
            "network", List.of("network"),
            "image", List.of("image"),
            "identity", List.of("identity"),
            "block-storage", List.of("block-storage", "volumev3", "volume", "block-store", "volumev2"));

    public Catalog {
        endpoints = List.copyOf(endpoints);
    }

    public static Catalog parse(JsonNode catalog) {
        List<Endpoint> out = new ArrayList<>();
        for (JsonNode service : catalog) {
            String type = service.path("type").asText();
            for (JsonNode e : service.path("endpoints")) {
                String region = e.hasNonNull("region_id") ? e.path("region_id").asText() : e.path("region").asText(null);
                out.add(new Endpoint(type, e.path("interface").asText(), region, e.path("url").asText()));
            }
        }
        return new Catalog(out);
    }

    /** The canonical type for any alias ("volumev3" → "block-storage"). */
    public static String canonical(String type) {
        for (var e : ALIASES.entrySet()) {
            if (e.getValue().contains(type)) {
                return e.getKey();
            }
        }
        return type;
    }

    /**
     * @param region null for whichever region has it (the first in catalog order)
     */
    public Optional<String> url(String serviceType, String interfaceName, String region) {
        List<String> types = ALIASES.getOrDefault(canonical(serviceType), List.of(serviceType));
        for (String t : types) {
            for (Endpoint e : endpoints) {
                if (e.serviceType().equals(t) && e.interfaceName().equals(interfaceName)
                        && (region == null || region.equals(e.region()))) {
                    return Optional.of(e.url());
                }
            }
        }
        return Optional.empty();
    }

    /** The regions with an endpoint of this service type on this interface, in catalog order. */
    public Set<String> regions(String serviceType, String interfaceName) {
        List<String> types = ALIASES.getOrDefault(canonical(serviceType), List.of(serviceType));
        Set<String> out = new LinkedHashSet<>();
        for (Endpoint e : endpoints) {
            if (types.contains(e.serviceType()) && e.interfaceName().equals(interfaceName) && e.region() != null) {
                out.add(e.region());
            }
        }
        return out;
    }
}
