package org.vmguard.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.vmguard.facts.ParseError;

/**
 * What hosts really listen on, from host audits (until the fleet store and {@code vmguard probe}
 * exist, a JSON file given with {@code --listeners FILE}):
 * <pre>{"hosts": {"web01": {"tcp": [22, 443], "udp": [123]}, "203.0.113.5": {"tcp": [22]}}}</pre>
 * A key names a server by id, name or any of its addresses.
 *
 * @param source where the data came from, for evidence; empty when none was given
 */
public record Listeners(String source, Map<String, Listening> hosts) {

    public static final Listeners NONE = new Listeners("", Map.of());

    /** The ports one host listens on (on its public addresses or on every address). */
    public record Listening(Set<Integer> tcp, Set<Integer> udp) {
        public Listening {
            tcp = Set.copyOf(tcp);
            udp = Set.copyOf(udp);
        }

        public boolean listens(String proto, int port) {
            return switch (proto) {
                case "tcp" -> tcp.contains(port);
                case "udp" -> udp.contains(port);
                default -> false;
            };
        }
    }

    public Listeners {
        hosts = Map.copyOf(hosts);
    }

    public boolean given() {
        return !source.isEmpty();
    }

    /** The listening ports of a server, by its id, name or one of its addresses. */
    public Optional<Listening> of(Server s, Iterable<String> addresses) {
        if (hosts.containsKey(s.id())) {
            return Optional.of(hosts.get(s.id()));
        }
        if (hosts.containsKey(s.name())) {
            return Optional.of(hosts.get(s.name()));
        }
        for (String a : addresses) {
            if (hosts.containsKey(a)) {
                return Optional.of(hosts.get(a));
            }
        }
        return Optional.empty();
    }

    public static Listeners parse(String path, String text) {
        JsonNode root;
        try {
            root = Keystone.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ParseError(path, line, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.path("hosts").isObject()) {
            throw new ParseError(path, 1, "expected {\"hosts\": {\"NAME\": {\"tcp\": [PORT, …], \"udp\": […]}}}");
        }
        Map<String, Listening> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.path("hosts").fields();
        while (it.hasNext()) {
            var e = it.next();
            out.put(e.getKey(), new Listening(ports(path, e.getKey(), e.getValue().path("tcp")),
                    ports(path, e.getKey(), e.getValue().path("udp"))));
        }
        return new Listeners(path, out);
    }

    private static Set<Integer> ports(String path, String host, JsonNode list) {
        Set<Integer> out = new TreeSet<>();
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new ParseError(path, 0, "hosts." + host + ": the ports must be a list of numbers");
        }
        for (JsonNode p : list) {
            if (!p.canConvertToInt() || p.asInt() < 1 || p.asInt() > 65535 || !p.isIntegralNumber()) {
                throw new ParseError(path, 0, "hosts." + host + ": '" + p + "' is not a port number");
            }
            out.add(p.asInt());
        }
        return out;
    }
}
