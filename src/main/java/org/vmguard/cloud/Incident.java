package org.vmguard.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The incident file of a quarantine: what the server looked like before (server, ports with their
 * groups and port security, groups, volumes, console log), what was created (quarantine group,
 * snapshots) and which steps are done. It is rewritten atomically after every step, so a failure
 * leaves an accurate record to resume from, and release reads it to undo the isolation.
 */
public final class Incident {

    public static final String SCHEMA = "vmguard-incident/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;
    private final ObjectNode doc;

    private Incident(Path path, ObjectNode doc) {
        this.path = path;
        this.doc = doc;
    }

    public static Incident create(Path path, String serverId, String region, String ticket, String startedAt) {
        ObjectNode d = JSON.createObjectNode();
        d.put("schema", SCHEMA);
        d.put("serverId", serverId);
        d.put("region", region);
        d.put("ticket", ticket);
        d.put("quarantinedAt", startedAt);
        d.putArray("done");
        return new Incident(path, d);
    }

    public static Incident load(Path path) {
        try {
            JsonNode n = JSON.readTree(Files.readString(path));
            if (!(n instanceof ObjectNode o) || !SCHEMA.equals(o.path("schema").asText())) {
                throw new IncidentError(path + ": not a vmguard incident file (schema " + SCHEMA + ")");
            }
            return new Incident(path, o);
        } catch (IOException e) {
            throw new IncidentError(path + ": cannot read the incident file: " + e.getMessage());
        }
    }

    public Path path() {
        return path;
    }

    public String serverId() {
        return doc.path("serverId").asText();
    }

    public String region() {
        return doc.path("region").asText(null);
    }

    public String ticket() {
        return doc.path("ticket").asText();
    }

    public String quarantinedAt() {
        return doc.path("quarantinedAt").asText();
    }

    public boolean done(QuarantineStep s) {
        for (JsonNode d : doc.path("done")) {
            if (d.asText().equals(s.label())) {
                return true;
            }
        }
        return false;
    }

    public List<String> doneSteps() {
        List<String> out = new ArrayList<>();
        doc.path("done").forEach(d -> out.add(d.asText()));
        return out;
    }

    void markDone(QuarantineStep s) {
        if (!done(s)) {
            ((ArrayNode) doc.get("done")).add(s.label());
        }
        save();
    }

    /** The recorded value of a field ("server", "ports", "quarantineGroupId", …); missing when absent. */
    public JsonNode get(String field) {
        return doc.path(field);
    }

    void record(String field, JsonNode value) {
        doc.set(field, value);
        save();
    }

    void record(String field, String value) {
        doc.put(field, value);
        save();
    }

    /** Volume id → snapshot id, as recorded so far. */
    ObjectNode volumeSnapshots() {
        if (!doc.path("volumeSnapshots").isObject()) {
            doc.putObject("volumeSnapshots");
        }
        return (ObjectNode) doc.get("volumeSnapshots");
    }

    /** Written to a temporary file and renamed, so a crash never leaves half a record. */
    void save() {
        try {
            Path abs = path.toAbsolutePath();
            Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(doc) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the incident file " + path + ": " + e.getMessage(), e);
        }
    }
}
