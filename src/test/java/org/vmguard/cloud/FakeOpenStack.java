package org.vmguard.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful fake OpenStack on 127.0.0.1 (Keystone, Nova, Neutron, Glance, Cinder), answering in
 * the API reference's shapes (the fixtures under src/test/resources/openstack): tokens in
 * X-Subject-Token, a catalog pointing at itself with two regions, small pages with next links,
 * Nova microversion headers, servers that go ACTIVE→SHUTOFF, images queued→saving→active, volume
 * snapshots creating→available, locks that refuse metadata writes, tags, stops and snapshots with
 * 409, and injected failures (any status, with headers, for the next N matching requests).
 */
public final class FakeOpenStack implements AutoCloseable {

    public static final String USER = "alice";
    public static final String PASSWORD = "s3cret-Pa55word";
    public static final String APP_CRED_ID = "21dced0fd20347869b93710d2b98aae0";
    public static final String APP_CRED_SECRET = "app-cred-S3CRET-value";
    public static final String PROJECT = "demo";
    public static final String PROJECT_ID = "a6944d763bf64ee6a275f1263fae0352";
    public static final String NOVA_MAX = "2.96";
    public static final List<String> REGIONS = List.of("RegionOne", "RegionTwo");

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer http;
    private final String base;
    private final Map<String, Region> regions = new LinkedHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    /** Server GETs a stop takes (powering-off), and image/snapshot GETs per status step. */
    public volatile int stopPolls = 2;
    public volatile int maxPage = 1000;

    /** An injected answer for the next {@code times} requests whose "METHOD path" matches. */
    private record Failure(Pattern match, int status, Map<String, String> headers, String body, AtomicInteger left) {
    }

    public FakeOpenStack() {
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        base = "http://127.0.0.1:" + http.getAddress().getPort();
        REGIONS.forEach(r -> regions.put(r, new Region(r)));
        http.createContext("/", this::handle);
        http.setExecutor(Executors.newFixedThreadPool(8));
        http.start();
    }

    @Override
    public void close() {
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    }

    public String authUrl() {
        return base + "/identity/v3";
    }

    public Region region(String name) {
        return regions.get(name);
    }

    /** "METHOD /path" of every request (query left out), with the action name for server actions. */
    public List<String> requests() {
        return List.copyOf(log);
    }

    public List<String> mutatingRequests() {
        return log.stream().filter(l -> !l.startsWith("GET ")
                && !l.endsWith(" os-getConsoleOutput") && !l.contains("/auth/tokens")).toList();
    }

    public void clearLog() {
        log.clear();
    }

    public int logins() {
        return logins.get();
    }

    public void tokenLifetime(Duration d) {
        tokenLifetime = d;
    }

    /** Every token issued so far stops working (a 401 mid-run). */
    public void revokeTokens() {
        tokens.clear();
    }

    /**
     * The next {@code times} requests matching "METHOD path-regex" (plus " action" for server
     * actions, as {@link #requests()} shows them) get this answer instead.
     */
    public void fail(String methodAndPathRegex, int times, int status, Map<String, String> headers) {
        String body = "{\"computeFault\": {\"code\": " + status + ", \"message\": \"injected failure\"}}";
        failures.add(new Failure(Pattern.compile(methodAndPathRegex), status, headers, body, new AtomicInteger(times)));
    }

    // ---------------------------------------------------------------- the data of one region

    /** One region's resources, kept as the API's JSON objects. */
    public final class Region {
        final String name;
        final Map<String, ObjectNode> servers = Collections.synchronizedMap(new LinkedHashMap<>());
        final Map<String, ObjectNode> ports = Collections.synchronizedMap(new LinkedHashMap<>());
        final Map<String, ObjectNode> groups = Collections.synchronizedMap(new LinkedHashMap<>());
        final Map<String, ObjectNode> fips = Collections.synchronizedMap(new LinkedHashMap<>());
        final Map<String, ObjectNode> addressGroups = Collections.synchronizedMap(new LinkedHashMap<>());
        final Map<String, ObjectNode> images = Collections.synchronizedMap(new LinkedHashMap<>());
        final Map<String, ObjectNode> volumes = Collections.synchronizedMap(new LinkedHashMap<>());
        final Map<String, ObjectNode> snapshots = Collections.synchronizedMap(new LinkedHashMap<>());
        final Map<String, Integer> polls = new ConcurrentHashMap<>();
        public boolean addressGroupExtension = true;

        Region(String name) {
            this.name = name;
        }

        public ObjectNode server(String id, String name, boolean volumeBacked) {
            ObjectNode s = fixture("nova-server.json");
            s.put("id", id).put("name", name);
            s.putObject("metadata");
            if (volumeBacked) {
                s.put("image", "");
            }
            servers.put(id, s);
            return s;
        }

        public ObjectNode volume(String serverId, String volumeId) {
            ObjectNode v = fixture("cinder-volume.json");
            v.put("id", volumeId).put("name", "vol-" + volumeId);
            volumes.put(volumeId, v);
            ((ArrayNode) servers.get(serverId).get("os-extended-volumes:volumes_attached")).addObject()
                    .put("id", volumeId).put("delete_on_termination", false);
            return v;
        }

        public ObjectNode group(String id, String name) {
            ObjectNode g = fixture("neutron-security-group.json");
            g.put("id", id).put("name", name);
            groups.put(id, g);
            return g;
        }

        /** @param protocol null for any; ports null for all; remote one of a prefix, "group:ID", "ag:ID" or null */
        public ObjectNode rule(String groupId, String id, String direction, String ethertype, String protocol,
                Integer min, Integer max, String remote) {
            ObjectNode r = fixture("neutron-security-group-rule.json");
            r.put("id", id).put("security_group_id", groupId).put("direction", direction).put("ethertype", ethertype);
            r.put("protocol", protocol);
            if (min == null) {
                r.putNull("port_range_min");
            } else {
                r.put("port_range_min", min);
            }
            if (max == null) {
                r.putNull("port_range_max");
            } else {
                r.put("port_range_max", max);
            }
            if (remote == null) {
                r.putNull("remote_ip_prefix");
            } else if (remote.startsWith("group:")) {
                r.put("remote_group_id", remote.substring(6));
            } else if (remote.startsWith("ag:")) {
                r.put("remote_address_group_id", remote.substring(3));
            } else {
                r.put("remote_ip_prefix", remote);
            }
            ((ArrayNode) groups.get(groupId).get("security_group_rules")).add(r);
            return r;
        }

        public ObjectNode port(String id, String serverId, String address, boolean portSecurity, String... groupIds) {
            ObjectNode p = fixture("neutron-port.json");
            p.put("id", id).put("device_id", serverId == null ? "" : serverId)
                    .put("device_owner", serverId == null ? "" : "compute:nova").put("port_security_enabled", portSecurity);
            ((ObjectNode) p.withArray("fixed_ips").get(0)).put("ip_address", address);
            ArrayNode g = p.putArray("security_groups");
            for (String x : groupIds) {
                g.add(x);
            }
            ports.put(id, p);
            return p;
        }

        public ObjectNode floatingIp(String id, String address, String portId) {
            ObjectNode f = fixture("neutron-floatingip.json");
            f.put("id", id).put("floating_ip_address", address).put("port_id", portId);
            fips.put(id, f);
            return f;
        }

        public ObjectNode addressGroup(String id, String name, String... addresses) {
            ObjectNode a = fixture("neutron-address-group.json");
            a.put("id", id).put("name", name);
            ArrayNode l = a.putArray("addresses");
            for (String x : addresses) {
                l.add(x);
            }
            addressGroups.put(id, a);
            return a;
        }

        public JsonNode serverJson(String id) {
            return servers.get(id);
        }

        public JsonNode portJson(String id) {
            return ports.get(id);
        }

        public Map<String, ObjectNode> groups() {
            return groups;
        }

        public Map<String, ObjectNode> images() {
            return images;
        }

        public Map<String, ObjectNode> snapshots() {
            return snapshots;
        }
    }

    public static ObjectNode fixture(String name) {
        try (InputStream in = FakeOpenStack.class.getResourceAsStream("/openstack/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- HTTP

    private record Answer(int status, JsonNode body, Map<String, String> headers) {
        static Answer of(int status, JsonNode body) {
            return new Answer(status, body, Map.of());
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            Map<String, String> query = query(ex.getRequestURI().getRawQuery());
            byte[] raw = ex.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
            String entry = method + " " + path;
            if (body != null && path.endsWith("/action") && body.fieldNames().hasNext()) {
                entry += " " + body.fieldNames().next();
            }
            log.add(entry);
            Answer a;
            try {
                a = answer(method, path, entry, query, body, ex);
            } catch (RuntimeException e) {
                a = Answer.of(500, error("computeFault", 500, "fake: " + e));
            }
            ex.getResponseHeaders().add("x-openstack-request-id", "req-" + UUID.randomUUID());
            ex.getResponseHeaders().add("Content-Type", "application/json");
            a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            byte[] out = a.body() == null ? new byte[0] : JSON.writeValueAsBytes(a.body());
            ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                ex.getResponseBody().write(out);
            }
        }
    }

    private Answer answer(String method, String path, String entry, Map<String, String> q, JsonNode body, HttpExchange ex) {
        if (path.equals("/identity/v3/auth/tokens") && method.equals("POST")) {
            return login(body, ex);
        }
        for (Failure f : failures) {
            if (f.match().matcher(entry).matches() && f.left().getAndDecrement() > 0) {
                return new Answer(f.status(), readTree(f.body()), f.headers());
            }
        }
        String token = ex.getRequestHeaders().getFirst("X-Auth-Token");
        if (token == null || !tokens.contains(token)) {
            return Answer.of(401, readTree("{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", "
                    + "\"message\": \"The request you have made requires authentication.\"}}"));
        }
        Matcher m = Pattern.compile("/(compute|network|image|volume)/([^/]+)(/.*)?").matcher(path);
        if (!m.matches() || !regions.containsKey(m.group(2))) {
            return Answer.of(404, error("itemNotFound", 404, "no such endpoint " + path));
        }
        Region r = regions.get(m.group(2));
        String rest = m.group(3) == null ? "/" : m.group(3);
        return switch (m.group(1)) {
            case "compute" -> nova(r, method, rest, q, body, ex);
            case "network" -> neutron(r, method, rest, q, body);
            case "image" -> glance(r, method, rest, q);
            default -> cinder(r, method, rest, q, body);
        };
    }

    private Answer login(JsonNode body, HttpExchange ex) {
        JsonNode id = body.path("auth").path("identity");
        boolean ok;
        String method = id.path("methods").path(0).asText();
        if (method.equals("password")) {
            JsonNode u = id.path("password").path("user");
            JsonNode scope = body.path("auth").path("scope").path("project");
            ok = USER.equals(u.path("name").asText()) && PASSWORD.equals(u.path("password").asText())
                    && "Default".equals(u.path("domain").path("name").asText())
                    && (PROJECT_ID.equals(scope.path("id").asText()) || PROJECT.equals(scope.path("name").asText()));
        } else if (method.equals("application_credential")) {
            JsonNode ac = id.path("application_credential");
            ok = APP_CRED_ID.equals(ac.path("id").asText()) && APP_CRED_SECRET.equals(ac.path("secret").asText());
        } else {
            ok = false;
        }
        if (!ok) {
            return Answer.of(401, readTree("{\"error\": {\"code\": 401, \"title\": \"Unauthorized\", "
                    + "\"message\": \"The request you have made requires authentication.\"}}"));
        }
        logins.incrementAndGet();
        String token = "gAAAAAB" + UUID.randomUUID().toString().replace("-", "");
        tokens.add(token);
        ObjectNode t = fixture("keystone-token.json");
        ObjectNode tok = (ObjectNode) t.get("token");
        tok.putArray("methods").add(method);
        Instant now = Instant.now();
        tok.put("issued_at", now.toString()).put("expires_at", now.plus(tokenLifetime).toString());
        ArrayNode catalog = tok.putArray("catalog");
        service(catalog, "identity", "keystone", "/identity/v3", false);
        service(catalog, "compute", "nova", "/compute/%s/v2.1", false);
        service(catalog, "network", "neutron", "/network/%s", false);
        service(catalog, "image", "glance", "/image/%s", false);
        service(catalog, "volumev3", "cinderv3", "/volume/%s/v3/" + PROJECT_ID, false);
        return new Answer(201, t, Map.of("X-Subject-Token", token));
    }

    private void service(ArrayNode catalog, String type, String name, String path, boolean unused) {
        ObjectNode s = catalog.addObject();
        s.put("type", type).put("name", name).put("id", UUID.randomUUID().toString().replace("-", ""));
        ArrayNode eps = s.putArray("endpoints");
        for (String region : REGIONS) {
            for (String iface : List.of("public", "internal")) {
                eps.addObject().put("id", UUID.randomUUID().toString().replace("-", "")).put("interface", iface)
                        .put("region_id", region).put("region", region).put("url", base + String.format(path, region));
            }
        }
    }

    // ---------------------------------------------------------------- Nova

    private Answer nova(Region r, String method, String path, Map<String, String> q, JsonNode body, HttpExchange ex) {
        if (path.equals("/v2.1/") || path.equals("/v2.1")) {
            ObjectNode v = fixture("nova-version.json");
            ((ObjectNode) v.get("version")).put("version", NOVA_MAX);
            return Answer.of(200, v);
        }
        String requested = ex.getRequestHeaders().getFirst("X-OpenStack-Nova-API-Version");
        String modern = ex.getRequestHeaders().getFirst("OpenStack-API-Version");
        Microversion mv = requested == null ? new Microversion(2, 1) : Microversion.parse(requested);
        if (modern != null && !modern.equals("compute " + mv)) {
            return Answer.of(400, error("badRequest", 400, "the two microversion headers disagree"));
        }
        if (mv.compareTo(Microversion.parse(NOVA_MAX)) > 0) {
            return Answer.of(406, error("notAcceptable", 406, "Version " + mv + " is not supported by the API"));
        }
        Map<String, String> h = Map.of("OpenStack-API-Version", "compute " + mv, "X-OpenStack-Nova-API-Version", mv.toString(),
                "Vary", "OpenStack-API-Version, X-OpenStack-Nova-API-Version");
        Answer a = novaCall(r, method, path.substring("/v2.1".length()), q, body, mv);
        Map<String, String> all = new HashMap<>(h);
        all.putAll(a.headers());
        return new Answer(a.status(), a.body(), all);
    }

    private Answer novaCall(Region r, String method, String path, Map<String, String> q, JsonNode body, Microversion mv) {
        if (method.equals("GET") && path.equals("/servers/detail")) {
            List<ObjectNode> all;
            synchronized (r.servers) {
                all = new ArrayList<>(r.servers.values());
            }
            if (q.containsKey("name")) {
                Pattern p = Pattern.compile(q.get("name"));
                all = all.stream().filter(s -> p.matcher(s.path("name").asText()).find()).toList();
            }
            all = all.stream().map(s -> advanceServer(r, s)).toList();
            return Answer.of(200, page(all, q, "servers", base + "/compute/" + r.name + "/v2.1/servers/detail"));
        }
        Matcher m = Pattern.compile("/servers/([^/]+)(/.*)?").matcher(path);
        if (!m.matches()) {
            return Answer.of(404, error("itemNotFound", 404, "not found"));
        }
        ObjectNode s = r.servers.get(m.group(1));
        if (s == null) {
            return Answer.of(404, error("itemNotFound", 404, "Instance " + m.group(1) + " could not be found."));
        }
        String sub = m.group(2) == null ? "" : m.group(2);
        boolean locked = s.path("locked").asBoolean();
        if (method.equals("GET") && sub.isEmpty()) {
            return Answer.of(200, JSON.createObjectNode().set("server", advanceServer(r, s)));
        }
        if (method.equals("GET") && sub.equals("/os-volume_attachments")) {
            ObjectNode o = JSON.createObjectNode();
            ArrayNode a = o.putArray("volumeAttachments");
            for (JsonNode v : s.path("os-extended-volumes:volumes_attached")) {
                a.addObject().put("id", v.path("id").asText()).put("volumeId", v.path("id").asText())
                        .put("serverId", s.path("id").asText()).put("device", "/dev/vdb");
            }
            return Answer.of(200, o);
        }
        if (method.equals("POST") && sub.equals("/metadata")) {
            if (locked) {
                return conflictLocked(s);
            }
            ObjectNode md = (ObjectNode) s.get("metadata");
            body.path("metadata").fields().forEachRemaining(e -> md.set(e.getKey(), e.getValue()));
            return Answer.of(200, JSON.createObjectNode().set("metadata", md));
        }
        if (method.equals("PUT") && sub.startsWith("/tags/")) {
            if (!mv.atLeast("2.26")) {
                return Answer.of(404, error("itemNotFound", 404, "The resource could not be found."));
            }
            if (locked) {
                return conflictLocked(s);
            }
            String tag = sub.substring(6);
            ArrayNode tags = (ArrayNode) s.get("tags");
            boolean had = false;
            for (JsonNode t : tags) {
                had |= t.asText().equals(tag);
            }
            if (!had) {
                tags.add(tag);
            }
            return new Answer(had ? 204 : 201, null, Map.of("Location", base + "/servers/" + s.path("id").asText() + "/tags/" + tag));
        }
        if (method.equals("POST") && sub.equals("/action")) {
            return action(r, s, body, mv);
        }
        return Answer.of(405, error("badMethod", 405, method + " " + path));
    }

    private Answer action(Region r, ObjectNode s, JsonNode body, Microversion mv) {
        String action = body.fieldNames().next();
        boolean locked = s.path("locked").asBoolean();
        String id = s.path("id").asText();
        switch (action) {
            case "os-getConsoleOutput" -> {
                return Answer.of(200, JSON.createObjectNode().put("output",
                        "[    0.000000] Linux version 6.1.0-27-cloud-amd64\nDebian GNU/Linux 12 " + s.path("name").asText() + " ttyS0\n"));
            }
            case "os-stop" -> {
                if (locked) {
                    return conflictLocked(s);
                }
                if (!s.path("status").asText().equals("ACTIVE")) {
                    return Answer.of(409, error("conflictingRequest", 409, "Cannot 'stop' instance " + id
                            + " while it is in vm_state " + s.path("OS-EXT-STS:vm_state").asText()));
                }
                s.put("OS-EXT-STS:task_state", "powering-off");
                r.polls.put(id, stopPolls);
                return Answer.of(202, null);
            }
            case "createImage" -> {
                if (locked) {
                    return conflictLocked(s);
                }
                ObjectNode img = fixture("glance-image.json");
                String iid = UUID.randomUUID().toString();
                img.put("id", iid).put("name", body.path("createImage").path("name").asText())
                        .put("self", "/v2/images/" + iid).put("file", "/v2/images/" + iid + "/file");
                body.path("createImage").path("metadata").fields().forEachRemaining(e -> img.set(e.getKey(), e.getValue()));
                r.images.put(iid, img);
                r.polls.put(iid, 0);
                if (mv.atLeast("2.45")) {
                    return Answer.of(202, JSON.createObjectNode().put("image_id", iid));
                }
                return new Answer(202, null, Map.of("Location", base + "/image/" + r.name + "/v2/images/" + iid));
            }
            case "lock" -> {
                s.put("locked", true);
                if (mv.atLeast("2.73") && body.path("lock").isObject()) {
                    s.put("locked_reason", body.path("lock").path("locked_reason").asText(null));
                }
                return Answer.of(202, null);
            }
            case "unlock" -> {
                s.put("locked", false).putNull("locked_reason");
                return Answer.of(202, null);
            }
            default -> {
                return Answer.of(400, error("badRequest", 400, "unknown action " + action));
            }
        }
    }

    /** A stopping server reaches SHUTOFF after {@link #stopPolls} reads. */
    private ObjectNode advanceServer(Region r, ObjectNode s) {
        String id = s.path("id").asText();
        if ("powering-off".equals(s.path("OS-EXT-STS:task_state").asText(null))) {
            int left = r.polls.merge(id, -1, Integer::sum);
            if (left < 0) {
                s.put("status", "SHUTOFF").put("OS-EXT-STS:vm_state", "stopped").put("OS-EXT-STS:power_state", 4)
                        .putNull("OS-EXT-STS:task_state");
            }
        }
        return s;
    }

    private Answer conflictLocked(ObjectNode s) {
        return Answer.of(409, error("conflictingRequest", 409, "Instance " + s.path("id").asText() + " is locked"));
    }

    // ---------------------------------------------------------------- Neutron

    private Answer neutron(Region r, String method, String path, Map<String, String> q, JsonNode body) {
        String list = base + "/network/" + r.name + path;
        switch (method + " " + path) {
            case "GET /v2.0/ports" -> {
                return Answer.of(200, page(filter(r.ports, q), q, "ports", list));
            }
            case "GET /v2.0/floatingips" -> {
                return Answer.of(200, page(filter(r.fips, q), q, "floatingips", list));
            }
            case "GET /v2.0/security-groups" -> {
                return Answer.of(200, page(filter(r.groups, q), q, "security_groups", list));
            }
            case "GET /v2.0/address-groups" -> {
                if (!r.addressGroupExtension) {
                    return Answer.of(404, readTree("{\"NeutronError\": {\"type\": \"HTTPNotFound\", \"message\": "
                            + "\"The resource could not be found.\", \"detail\": \"\"}}"));
                }
                return Answer.of(200, page(filter(r.addressGroups, q), q, "address_groups", list));
            }
            case "POST /v2.0/security-groups" -> {
                String gid = UUID.randomUUID().toString();
                ObjectNode g = r.group(gid, body.path("security_group").path("name").asText());
                g.put("description", body.path("security_group").path("description").asText(""));
                // as Neutron does: a new group lets everything out, over IPv4 and IPv6
                r.rule(gid, UUID.randomUUID().toString(), "egress", "IPv4", null, null, null, null);
                r.rule(gid, UUID.randomUUID().toString(), "egress", "IPv6", null, null, null, null);
                return Answer.of(201, JSON.createObjectNode().set("security_group", g));
            }
            default -> { }
        }
        Matcher m = Pattern.compile("/v2.0/(ports|security-groups|security-group-rules)/([^/]+)").matcher(path);
        if (!m.matches()) {
            return Answer.of(404, neutronError("HTTPNotFound", "The resource could not be found."));
        }
        String id = m.group(2);
        switch (m.group(1)) {
            case "ports" -> {
                ObjectNode p = r.ports.get(id);
                if (p == null) {
                    return Answer.of(404, neutronError("PortNotFound", "Port " + id + " could not be found."));
                }
                if (method.equals("GET")) {
                    return Answer.of(200, JSON.createObjectNode().set("port", p));
                }
                if (method.equals("PUT")) {
                    JsonNode u = body.path("port");
                    boolean security = u.has("port_security_enabled") ? u.path("port_security_enabled").asBoolean()
                            : p.path("port_security_enabled").asBoolean();
                    JsonNode groups = u.has("security_groups") ? u.path("security_groups") : p.path("security_groups");
                    if (!security && !groups.isEmpty()) {
                        return Answer.of(409, neutronError("PortSecurityPortHasSecurityGroup",
                                "Port has security group associated. Cannot disable port security or ip address until security group is removed"));
                    }
                    if (security && u.has("security_groups") && !p.path("port_security_enabled").asBoolean() && !u.has("port_security_enabled")) {
                        return Answer.of(400, neutronError("PortSecurityAndIPRequiredForSecurityGroups",
                                "Port security must be enabled and port must have an IP address in order to use security groups."));
                    }
                    for (JsonNode g : groups) {
                        if (!r.groups.containsKey(g.asText())) {
                            return Answer.of(404, neutronError("SecurityGroupNotFound", "Security group " + g.asText() + " does not exist"));
                        }
                    }
                    p.put("port_security_enabled", security);
                    p.set("security_groups", groups.deepCopy());
                    p.put("revision_number", p.path("revision_number").asInt() + 1);
                    return Answer.of(200, JSON.createObjectNode().set("port", p));
                }
            }
            case "security-groups" -> {
                ObjectNode g = r.groups.get(id);
                if (g == null) {
                    return Answer.of(404, neutronError("SecurityGroupNotFound", "Security group " + id + " does not exist"));
                }
                if (method.equals("GET")) {
                    return Answer.of(200, JSON.createObjectNode().set("security_group", g));
                }
                if (method.equals("DELETE")) {
                    synchronized (r.ports) {
                        for (ObjectNode p : r.ports.values()) {
                            for (JsonNode x : p.path("security_groups")) {
                                if (x.asText().equals(id)) {
                                    return Answer.of(409, neutronError("SecurityGroupInUse", "Security Group " + id + " in use."));
                                }
                            }
                        }
                    }
                    r.groups.remove(id);
                    return Answer.of(204, null);
                }
            }
            default -> {
                if (method.equals("DELETE")) {
                    synchronized (r.groups) {
                        for (ObjectNode g : r.groups.values()) {
                            Iterator<JsonNode> it = g.withArray("security_group_rules").elements();
                            while (it.hasNext()) {
                                if (it.next().path("id").asText().equals(id)) {
                                    it.remove();
                                    return Answer.of(204, null);
                                }
                            }
                        }
                    }
                    return Answer.of(404, neutronError("SecurityGroupRuleNotFound", "Security group rule " + id + " does not exist"));
                }
            }
        }
        return Answer.of(405, neutronError("HTTPMethodNotAllowed", method + " " + path));
    }

    // ---------------------------------------------------------------- Glance and Cinder

    private Answer glance(Region r, String method, String path, Map<String, String> q) {
        if (method.equals("GET") && path.equals("/v2/images")) {
            List<ObjectNode> all = filter(r.images, q);
            ObjectNode o = page(all, q, "images", null);
            // Glance: "next" is a path relative to the endpoint, and there are no *_links
            String next = o.has("images_links") ? o.path("images_links").path(0).path("href").asText() : null;
            o.remove("images_links");
            if (next != null) {
                o.put("next", "/v2/images?" + next.substring(next.indexOf('?') + 1));
            }
            o.put("first", "/v2/images").put("schema", "/v2/schemas/images");
            return Answer.of(200, o);
        }
        Matcher m = Pattern.compile("/v2/images/([^/]+)").matcher(path);
        if (method.equals("GET") && m.matches() && r.images.containsKey(m.group(1))) {
            ObjectNode img = r.images.get(m.group(1));
            step(r, img, List.of("queued", "saving", "active"));
            return Answer.of(200, img);
        }
        return Answer.of(404, readTree("{\"code\": 404, \"title\": \"Not Found\", \"message\": \"No image found\"}"));
    }

    private Answer cinder(Region r, String method, String path, Map<String, String> q, JsonNode body) {
        String prefix = "/v3/" + PROJECT_ID;
        if (!path.startsWith(prefix)) {
            return Answer.of(404, error("itemNotFound", 404, "no project in the path"));
        }
        String p = path.substring(prefix.length());
        if (method.equals("GET") && p.equals("/snapshots")) {
            return Answer.of(200, page(filter(r.snapshots, q), q, "snapshots", base + "/volume/" + r.name + path));
        }
        if (method.equals("POST") && p.equals("/snapshots")) {
            JsonNode s = body.path("snapshot");
            ObjectNode v = r.volumes.get(s.path("volume_id").asText());
            if (v == null) {
                return Answer.of(404, error("itemNotFound", 404, "Volume could not be found."));
            }
            if (v.path("status").asText().equals("in-use") && !s.path("force").asBoolean()) {
                return Answer.of(400, error("badRequest", 400, "Invalid volume: Volume status must be available"));
            }
            ObjectNode snap = fixture("cinder-snapshot.json");
            String id = UUID.randomUUID().toString();
            snap.put("id", id).put("name", s.path("name").asText()).put("volume_id", v.path("id").asText())
                    .put("description", s.path("description").asText(null)).put("size", v.path("size").asInt());
            r.snapshots.put(id, snap);
            return Answer.of(202, JSON.createObjectNode().set("snapshot", snap));
        }
        Matcher m = Pattern.compile("/(snapshots|volumes)/([^/]+)").matcher(p);
        if (method.equals("GET") && m.matches()) {
            if (m.group(1).equals("volumes") && r.volumes.containsKey(m.group(2))) {
                return Answer.of(200, JSON.createObjectNode().set("volume", r.volumes.get(m.group(2))));
            }
            ObjectNode snap = r.snapshots.get(m.group(2));
            if (m.group(1).equals("snapshots") && snap != null) {
                step(r, snap, List.of("creating", "available"));
                return Answer.of(200, JSON.createObjectNode().set("snapshot", snap));
            }
        }
        return Answer.of(404, error("itemNotFound", 404, "not found"));
    }

    /** Moves a resource one status along its life at each read. */
    private static void step(Region r, ObjectNode o, List<String> life) {
        int i = life.indexOf(o.path("status").asText());
        if (i >= 0 && i < life.size() - 1) {
            o.put("status", life.get(i + 1));
        }
    }

    // ---------------------------------------------------------------- lists

    /** Equality filters on top-level fields (Neutron/Glance/Cinder style); limit and marker are paging. */
    private static List<ObjectNode> filter(Map<String, ObjectNode> items, Map<String, String> q) {
        List<ObjectNode> all;
        synchronized (items) {
            all = new ArrayList<>(items.values());
        }
        Predicate<ObjectNode> keep = o -> true;
        for (var e : q.entrySet()) {
            if (e.getKey().equals("limit") || e.getKey().equals("marker")) {
                continue;
            }
            keep = keep.and(o -> o.path(e.getKey()).asText().equals(e.getValue()));
        }
        return all.stream().filter(keep).toList();
    }

    /** One page after the marker; a next link (and, as Neutron does, a previous one) when more follow. */
    private ObjectNode page(List<ObjectNode> all, Map<String, String> q, String key, String self) {
        int limit = Math.min(maxPage, q.containsKey("limit") ? Integer.parseInt(q.get("limit")) : maxPage);
        int start = 0;
        if (q.containsKey("marker")) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).path("id").asText().equals(q.get("marker"))) {
                    start = i + 1;
                }
            }
        }
        int end = Math.min(all.size(), start + limit);
        ObjectNode o = JSON.createObjectNode();
        ArrayNode items = o.putArray(key);
        all.subList(start, end).forEach(items::add);
        if (end < all.size()) {
            StringBuilder qs = new StringBuilder();
            q.forEach((k, v) -> {
                if (!k.equals("marker") && !k.equals("limit")) {
                    qs.append(k).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
                }
            });
            ArrayNode links = o.putArray(key + "_links");
            links.addObject().put("href", (self == null ? "" : self) + "?" + qs + "limit=" + limit + "&marker="
                    + all.get(end - 1).path("id").asText()).put("rel", "next");
            if (start > 0) {
                links.addObject().put("href", (self == null ? "" : self) + "?" + qs + "limit=" + limit + "&marker="
                        + all.get(start).path("id").asText() + "&page_reverse=True").put("rel", "previous");
            }
        }
        return o;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static JsonNode error(String kind, int code, String message) {
        ObjectNode o = JSON.createObjectNode();
        o.putObject(kind).put("code", code).put("message", message);
        return o;
    }

    private static JsonNode neutronError(String type, String message) {
        ObjectNode o = JSON.createObjectNode();
        o.putObject("NeutronError").put("type", type).put("message", message).put("detail", "");
        return o;
    }

    private static JsonNode readTree(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
