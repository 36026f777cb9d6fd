package org.vmguard.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;

/**
 * A Neutron security group rule as the API gives it. {@code protocol} null means every protocol,
 * null ports mean every port (for ICMP the "ports" are type and code).
 */
public record SecurityRule(String id, String groupId, String direction, String ethertype, String protocol,
        Integer portMin, Integer portMax, String remoteIpPrefix, String remoteGroupId, String remoteAddressGroupId) {

    private static final Map<String, String> NUMBERS = Map.of("6", "tcp", "17", "udp", "132", "sctp", "1", "icmp",
            "58", "ipv6-icmp", "33", "dccp", "136", "udplite");

    public static SecurityRule parse(JsonNode r) {
        return new SecurityRule(r.path("id").asText(), r.path("security_group_id").asText(),
                r.path("direction").asText(), r.path("ethertype").asText("IPv4"), text(r, "protocol"),
                r.hasNonNull("port_range_min") ? r.path("port_range_min").asInt() : null,
                r.hasNonNull("port_range_max") ? r.path("port_range_max").asInt() : null,
                text(r, "remote_ip_prefix"), text(r, "remote_group_id"), text(r, "remote_address_group_id"));
    }

    public boolean ingress() {
        return "ingress".equals(direction);
    }

    /** tcp, udp, icmp, …; null for every protocol (Neutron's null, "any" or 0). */
    public String normalizedProtocol() {
        if (protocol == null) {
            return null;
        }
        String p = protocol.toLowerCase(Locale.ROOT);
        if (p.equals("any") || p.equals("0")) {
            return null;
        }
        if (p.equals("icmpv6")) {
            return "ipv6-icmp";
        }
        return NUMBERS.getOrDefault(p, p);
    }

    /** Does the protocol have ports (so that a port range means something)? */
    public static boolean hasPorts(String protocol) {
        return switch (protocol) {
            case "tcp", "udp", "sctp", "udplite", "dccp" -> true;
            default -> false;
        };
    }

    /** Every protocol, or every port of a protocol with ports. */
    public boolean opensEverything() {
        String p = normalizedProtocol();
        if (p == null) {
            return true;
        }
        return hasPorts(p) && from() <= 1 && to() >= 65535;
    }

    /** Does this rule let {@code proto}/{@code port} in (ranges include the ports inside them)? */
    public boolean opens(String proto, int port) {
        String p = normalizedProtocol();
        if (p == null) {
            return true;
        }
        return p.equals(proto) && hasPorts(p) && from() <= port && port <= to();
    }

    public int from() {
        return portMin == null ? 1 : portMin;
    }

    public int to() {
        return portMax == null ? (portMin == null ? 65535 : portMin) : portMax;
    }

    /** "tcp 22", "udp 1-1024", "tcp (every port)", "every protocol". */
    public String what() {
        String p = normalizedProtocol();
        if (p == null) {
            return "every protocol";
        }
        if (!hasPorts(p)) {
            return p;
        }
        if (portMin == null && portMax == null) {
            return p + " (every port)";
        }
        return p + " " + (from() == to() ? String.valueOf(from()) : from() + "-" + to());
    }

    private static String text(JsonNode n, String f) {
        return n.hasNonNull(f) && !n.path(f).asText().isEmpty() ? n.path(f).asText() : null;
    }
}
