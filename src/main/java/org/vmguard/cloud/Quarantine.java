package org.vmguard.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The compromise response on OpenStack: record, mark, isolate, stop, snapshot, lock — in that
 * order, since a locked server refuses metadata writes and stops, and a stopped server's snapshot
 * is consistent. Every step first looks at the cloud and does only what is missing, and the
 * incident file records each step's completion, so a run that failed can be resumed and a step
 * that is repeated does no harm. Release undoes the isolation and the lock from the incident file.
 */
public final class Quarantine {

    public static final String TAG = "vmguard-quarantined";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final OpenStackClient client;
    private final Duration poll;
    private final Duration timeout;
    private final Consumer<String> say;

    /** A server found by id or name, and the region it lives in. */
    public record Target(JsonNode server, String region) {
        public String id() {
            return server.path("id").asText();
        }

        public String name() {
            return server.path("name").asText();
        }

        public boolean volumeBacked() {
            return !server.path("image").isObject();
        }
    }

    public Quarantine(OpenStackClient client, Duration poll, Duration timeout, Consumer<String> say) {
        this.client = client;
        this.poll = poll;
        this.timeout = timeout;
        this.say = say;
    }

    /** @throws IncidentError when no server or more than one has this id or name */
    public Target find(String ref) {
        List<Target> found = new ArrayList<>();
        for (String region : client.regions()) {
            OpenStackClient.Service nova = nova(region);
            OpenStackClient.Response r = nova.call("GET", "/servers/" + enc(ref), null);
            if (r.status() == 200) {
                found.add(new Target(r.json().path("server"), region));
                continue;
            }
            if (r.status() != 404) {
                r.orThrow();
            }
            for (JsonNode s : nova.list("/servers/detail?name=" + enc(nameRegex(ref)), "servers")) {
                if (s.path("name").asText().equals(ref)) {
                    found.add(new Target(s, region));
                }
            }
        }
        if (found.isEmpty()) {
            throw new IncidentError("no server with id or name '" + ref + "' in regions " + String.join(", ", client.regions()));
        }
        if (found.size() > 1) {
            throw new IncidentError("" + found.size() + " servers are named '" + ref + "': give its id ("
                    + String.join(", ", found.stream().map(t -> t.id() + " in " + t.region()).toList()) + ")");
        }
        return found.get(0);
    }

    /**
     * Nova's name filter is a regular expression (Python's, or the database's REGEXP): every ASCII
     * character but letters, digits and _ is escaped, so "web.1 (old)" matches only itself.
     */
    static String nameRegex(String name) {
        StringBuilder sb = new StringBuilder("^");
        for (char c : name.toCharArray()) {
            if (c < 128 && !Character.isLetterOrDigit(c) && c != '_') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('$').toString();
    }

    /** What a run would do, step by step, from GET requests only. */
    public List<String> plan(Target t, String ticket) {
        List<String> out = new ArrayList<>();
        List<JsonNode> ports = neutron(t.region()).list("/v2.0/ports?device_id=" + t.id(), "ports");
        List<String> volumes = attachedVolumes(t);
        out.add("server " + t.name() + " (" + t.id() + ") in region " + t.region() + ", status "
                + t.server().path("status").asText() + ", " + (t.volumeBacked() ? "volume-backed" : "image-backed"));
        for (QuarantineStep s : QuarantineStep.values()) {
            out.add((s.ordinal() + 1) + ". " + s.label() + ": " + s.description());
        }
        out.add("   ticket: " + ticket);
        for (JsonNode p : ports) {
            out.add("   port " + p.path("id").asText() + ": groups " + p.path("security_groups")
                    + ", port security " + p.path("port_security_enabled").asBoolean(true) + " → group "
                    + groupName(t) + ", port security true");
        }
        if (!t.volumeBacked()) {
            volumes.forEach(v -> out.add("   volume " + v + ": snapshot " + snapshotName(v, "<time>")));
        } else {
            out.add("   volume-backed: the server snapshot covers its " + volumes.size() + " volume(s)");
        }
        return out;
    }

    /** Runs every step not yet done, recording each in the incident file as it completes. */
    public void run(Target t, Incident incident) {
        for (QuarantineStep s : QuarantineStep.values()) {
            if (incident.done(s)) {
                say.accept("  " + s.label() + ": done before, skipped");
                continue;
            }
            say.accept("  " + s.label() + ": " + s.description());
            try {
                switch (s) {
                    case RECORD -> record(t, incident);
                    case METADATA -> metadata(t, incident);
                    case ISOLATE -> isolate(t, incident);
                    case STOP -> stop(t);
                    case SNAPSHOT -> snapshot(t, incident);
                    case LOCK -> lock(t, incident);
                }
            } catch (ApiError e) {
                throw new ApiError("step " + s.label() + " failed: " + e.getMessage() + "; the incident file "
                        + incident.path() + " records the progress: fix the cause and run again with --resume", e.status());
            }
            incident.markDone(s);
        }
    }

    private void record(Target t, Incident incident) {
        JsonNode server = nova(t.region()).get("/servers/" + t.id()).path("server");
        incident.record("server", server);
        ArrayNode ports = NODES.arrayNode();
        neutron(t.region()).list("/v2.0/ports?device_id=" + t.id(), "ports").forEach(ports::add);
        incident.record("ports", ports);
        Set<String> groupIds = new LinkedHashSet<>();
        ports.forEach(p -> p.path("security_groups").forEach(g -> groupIds.add(g.asText())));
        ArrayNode groups = NODES.arrayNode();
        for (String g : groupIds) {
            OpenStackClient.Response r = neutron(t.region()).call("GET", "/v2.0/security-groups/" + g, null);
            groups.add(r.ok() ? r.json().path("security_group") : NODES.objectNode().put("id", g).put("error", "HTTP " + r.status()));
        }
        incident.record("securityGroups", groups);
        ArrayNode volumes = NODES.arrayNode();
        for (String v : attachedVolumes(t)) {
            OpenStackClient.Response r = client.service("block-storage", t.region()).call("GET", "/volumes/" + v, null);
            volumes.add(r.ok() ? r.json().path("volume") : NODES.objectNode().put("id", v).put("error", "HTTP " + r.status()));
        }
        incident.record("volumes", volumes);
        ObjectNode console = NODES.objectNode();
        console.putObject("os-getConsoleOutput");
        OpenStackClient.Response log = nova(t.region()).call("POST", "/servers/" + t.id() + "/action", console);
        incident.record("consoleLog", log.ok() ? log.json().path("output").asText()
                : "(not available: HTTP " + log.status() + " " + OpenStackClient.message(log.text()) + ")");
    }

    private void metadata(Target t, Incident incident) {
        ObjectNode body = NODES.objectNode();
        body.putObject("metadata").put("security_ticket", incident.ticket())
                .put("vmguard_quarantined_at", incident.quarantinedAt());
        nova(t.region()).call("POST", "/servers/" + t.id() + "/metadata", body).orThrow();
        Optional<Microversion> mv = nova(t.region()).microversion();
        if (mv.isPresent() && mv.get().atLeast("2.26")) {
            nova(t.region()).call("PUT", "/servers/" + t.id() + "/tags/" + TAG, null).orThrow();
        } else {
            say.accept("    (no tag: the compute API offers no microversion 2.26)");
        }
    }

    private void isolate(Target t, Incident incident) {
        OpenStackClient.Service neutron = neutron(t.region());
        String name = groupName(t);
        String groupId = incident.get("quarantineGroupId").asText("");
        if (groupId.isEmpty()) {
            List<JsonNode> existing = neutron.list("/v2.0/security-groups?name=" + enc(name), "security_groups");
            if (!existing.isEmpty()) {
                groupId = existing.get(0).path("id").asText();
            } else {
                ObjectNode body = NODES.objectNode();
                body.putObject("security_group").put("name", name).put("description",
                        "vmguard quarantine of server " + t.id() + ", ticket " + incident.ticket() + ": no traffic in or out");
                groupId = neutron.call("POST", "/v2.0/security-groups", body).orThrow().json()
                        .path("security_group").path("id").asText();
            }
            incident.record("quarantineGroupId", groupId);
        }
        // Neutron gives a new group egress rules to everywhere: remove every rule, so nothing leaves
        JsonNode group = neutron.get("/v2.0/security-groups/" + groupId).path("security_group");
        for (JsonNode rule : group.path("security_group_rules")) {
            OpenStackClient.Response r = neutron.call("DELETE", "/v2.0/security-group-rules/" + rule.path("id").asText(), null);
            if (r.status() != 404) {
                r.orThrow();
            }
        }
        for (JsonNode port : neutron.list("/v2.0/ports?device_id=" + t.id(), "ports")) {
            boolean security = port.path("port_security_enabled").asBoolean(true);
            JsonNode groups = port.path("security_groups");
            if (security && groups.size() == 1 && groups.get(0).asText().equals(groupId)) {
                continue;
            }
            ObjectNode body = NODES.objectNode();
            ObjectNode p = body.putObject("port");
            p.put("port_security_enabled", true);
            p.putArray("security_groups").add(groupId);
            neutron.call("PUT", "/v2.0/ports/" + port.path("id").asText(), body).orThrow();
        }
    }

    private void stop(Target t) {
        OpenStackClient.Service nova = nova(t.region());
        if (status(t).equals("SHUTOFF")) {
            return;
        }
        ObjectNode body = NODES.objectNode();
        body.putNull("os-stop");
        OpenStackClient.Response r = nova.call("POST", "/servers/" + t.id() + "/action", body);
        if (!r.ok() && !(r.status() == 409 && status(t).equals("SHUTOFF"))) {
            r.orThrow();
        }
        await("server " + t.id() + " to stop", () -> {
            String s = status(t);
            if (s.equals("ERROR")) {
                throw new ApiError("GET", "/servers/" + t.id(), 200, "the server went to ERROR while stopping", null);
            }
            return s.equals("SHUTOFF");
        });
    }

    private void snapshot(Target t, Incident incident) {
        OpenStackClient.Service nova = nova(t.region());
        OpenStackClient.Service glance = client.service("image", t.region());
        String stamp = stamp(incident.quarantinedAt());
        String imageName = "vmguard-quarantine-" + t.id() + "-" + stamp;
        String imageId = incident.get("imageId").asText("");
        if (imageId.isEmpty()) {
            List<JsonNode> existing = glance.list("/v2/images?name=" + enc(imageName), "images");
            if (!existing.isEmpty()) {
                imageId = existing.get(0).path("id").asText();
            } else {
                ObjectNode body = NODES.objectNode();
                body.putObject("createImage").put("name", imageName).putObject("metadata")
                        .put("security_ticket", incident.ticket()).put("vmguard_quarantine_of", t.id());
                OpenStackClient.Response r = nova.call("POST", "/servers/" + t.id() + "/action", body).orThrow();
                imageId = r.json().path("image_id").asText("");
                if (imageId.isEmpty()) { // before microversion 2.45: the Location header
                    String loc = r.headers().firstValue("Location").orElseThrow(() -> new ApiError("POST",
                            r.url(), r.status(), "createImage answered with neither image_id nor Location", r.requestId()));
                    imageId = loc.substring(loc.lastIndexOf('/') + 1);
                }
            }
            incident.record("imageId", imageId);
        }
        if (!t.volumeBacked()) {
            OpenStackClient.Service cinder = client.service("block-storage", t.region());
            ObjectNode snaps = incident.volumeSnapshots();
            for (String v : attachedVolumes(t)) {
                if (snaps.hasNonNull(v)) {
                    continue;
                }
                String name = snapshotName(v, stamp);
                List<JsonNode> existing = cinder.list("/snapshots?name=" + enc(name), "snapshots");
                String id;
                if (!existing.isEmpty()) {
                    id = existing.get(0).path("id").asText();
                } else {
                    ObjectNode body = NODES.objectNode();
                    body.putObject("snapshot").put("volume_id", v).put("name", name).put("force", true)
                            .put("description", "vmguard quarantine of server " + t.id() + ", ticket " + incident.ticket());
                    id = cinder.call("POST", "/snapshots", body).orThrow().json().path("snapshot").path("id").asText();
                }
                snaps.put(v, id);
                incident.save();
            }
        }
        String image = imageId;
        await("image " + image + " to become active", () -> {
            String s = glance.get("/v2/images/" + image).path("status").asText();
            if (s.equals("killed") || s.equals("deleted")) {
                throw new ApiError("GET", "/v2/images/" + image, 200, "the snapshot image is " + s, null);
            }
            return s.equals("active");
        });
        if (!t.volumeBacked()) {
            OpenStackClient.Service cinder = client.service("block-storage", t.region());
            var it = incident.volumeSnapshots().fields();
            while (it.hasNext()) {
                String id = it.next().getValue().asText();
                await("volume snapshot " + id + " to become available", () -> {
                    String s = cinder.get("/snapshots/" + id).path("snapshot").path("status").asText();
                    if (s.startsWith("error")) {
                        throw new ApiError("GET", "/snapshots/" + id, 200, "the volume snapshot is " + s, null);
                    }
                    return s.equals("available");
                });
            }
        }
    }

    private void lock(Target t, Incident incident) {
        OpenStackClient.Service nova = nova(t.region());
        if (nova.get("/servers/" + t.id()).path("server").path("locked").asBoolean(false)) {
            return;
        }
        ObjectNode body = NODES.objectNode();
        Optional<Microversion> mv = nova.microversion();
        if (mv.isPresent() && mv.get().atLeast("2.73")) {
            body.putObject("lock").put("locked_reason", "vmguard quarantine, ticket " + incident.ticket()
                    + ", since " + incident.quarantinedAt());
        } else {
            body.putNull("lock");
        }
        nova.call("POST", "/servers/" + t.id() + "/action", body).orThrow();
    }

    /** Undoes the isolation and the lock; says what stays. */
    public void release(Target t, Incident incident) {
        if (!incident.done(QuarantineStep.RECORD)) {
            throw new IncidentError(incident.path() + ": the quarantine never recorded the server; nothing to release");
        }
        OpenStackClient.Service nova = nova(t.region());
        OpenStackClient.Service neutron = neutron(t.region());
        if (nova.get("/servers/" + t.id()).path("server").path("locked").asBoolean(false)) {
            ObjectNode body = NODES.objectNode();
            body.putNull("unlock");
            nova.call("POST", "/servers/" + t.id() + "/action", body).orThrow();
            say.accept("  unlocked the server");
        }
        for (JsonNode port : incident.get("ports")) {
            String id = port.path("id").asText();
            OpenStackClient.Response now = neutron.call("GET", "/v2.0/ports/" + id, null);
            if (now.status() == 404) {
                say.accept("  port " + id + " no longer exists: not restored");
                continue;
            }
            now.orThrow();
            ObjectNode body = NODES.objectNode();
            ObjectNode p = body.putObject("port");
            boolean security = port.path("port_security_enabled").asBoolean(true);
            ArrayNode groups = p.putArray("security_groups");
            if (security) {
                port.path("security_groups").forEach(groups::add);
            }
            p.put("port_security_enabled", security);
            neutron.call("PUT", "/v2.0/ports/" + id, body).orThrow();
            say.accept("  port " + id + ": groups " + groups + ", port security " + security + " restored");
        }
        String qid = incident.get("quarantineGroupId").asText("");
        if (!qid.isEmpty()) {
            OpenStackClient.Response r = neutron.call("DELETE", "/v2.0/security-groups/" + qid, null);
            if (r.status() == 404) {
                say.accept("  the quarantine group " + qid + " was already deleted");
            } else {
                r.orThrow();
                say.accept("  deleted the quarantine group " + qid);
            }
        }
        incident.record("releasedAt", Instant.now().toString());
        say.accept("  not undone: the server stays " + status(t) + " (start it with openstack server start " + t.id()
                + " once the investigation allows), the snapshots stay (image " + incident.get("imageId").asText("none")
                + ", volume snapshots " + incident.get("volumeSnapshots") + "), and the metadata and tag stay as the record");
    }

    private String status(Target t) {
        return nova(t.region()).get("/servers/" + t.id()).path("server").path("status").asText();
    }

    private List<String> attachedVolumes(Target t) {
        List<String> out = new ArrayList<>();
        nova(t.region()).get("/servers/" + t.id() + "/os-volume_attachments").path("volumeAttachments")
                .forEach(a -> out.add(a.path("volumeId").asText()));
        return out;
    }

    private interface Condition {
        boolean met();
    }

    private void await(String what, Condition c) {
        Instant deadline = Instant.now().plus(timeout);
        while (!c.met()) {
            if (Instant.now().isAfter(deadline)) {
                throw new ApiError("WAIT", what, 0, "still not done after " + timeout.toSeconds() + " s", null);
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiError("WAIT", what, 0, "interrupted", null);
            }
        }
    }

    static String groupName(Target t) {
        return "vmguard-quarantine-" + t.id();
    }

    static String snapshotName(String volumeId, String stamp) {
        return "vmguard-quarantine-" + volumeId + "-" + stamp;
    }

    private static String stamp(String instant) {
        return instant.replaceAll("[^0-9TZ]", "");
    }

    private OpenStackClient.Service nova(String region) {
        return client.service("compute", region);
    }

    private OpenStackClient.Service neutron(String region) {
        return client.service("network", region);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
