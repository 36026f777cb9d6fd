package org.vmguard.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.vmguard.core.Evidence;
import org.vmguard.core.Report;
import org.vmguard.core.Result;
import org.vmguard.core.Summary;
import org.vmguard.core.Version;
import org.vmguard.core.Waived;

/** The {@code vmguard-report/1} JSON document of the interface contract. */
public final class JsonReport {

    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(Report report) {
        return write(tree(report));
    }

    /** A multi-host run: {@code vmguard-fleet/1}. */
    public static String renderFleet(List<Report> reports, List<Unreachable> unreachable) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", "vmguard-fleet/1");
        ArrayNode rs = root.putArray("reports");
        reports.forEach(r -> rs.add(tree(r)));
        ArrayNode un = root.putArray("unreachable");
        for (Unreachable u : unreachable) {
            un.addObject().put("target", u.target()).put("reason", u.reason());
        }
        return write(root);
    }

    /**
     * A multi-host run with the fleet checks: {@code vmguard-fleet/1} plus a {@code fleet} member
     * holding the cross-host results (fleet.*) in the report shape.
     */
    public static String renderFleet(List<Report> reports, Report fleet, List<Unreachable> unreachable) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", "vmguard-fleet/1");
        ArrayNode rs = root.putArray("reports");
        reports.forEach(r -> rs.add(tree(r)));
        ArrayNode un = root.putArray("unreachable");
        for (Unreachable u : unreachable) {
            un.addObject().put("target", u.target()).put("reason", u.reason());
        }
        ObjectNode f = root.putObject("fleet");
        Summary s = fleet.summary();
        f.putObject("summary").put("pass", s.pass()).put("fail", s.fail()).put("skip", s.skip())
                .put("error", s.error()).put("info", s.info()).put("score", s.score());
        ArrayNode results = f.putArray("results");
        fleet.results().forEach(r -> results.add(result(r)));
        return write(root);
    }

    /** A target that could not be reached or read at all. */
    public record Unreachable(String target, String reason) {
    }

    public static ObjectNode tree(Report report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", Report.SCHEMA);
        root.putObject("tool").put("name", Version.NAME).put("version", Version.VERSION);
        ObjectNode target = root.putObject("target");
        target.put("kind", report.target().kind().label());
        target.put("name", report.target().name());
        target.putObject("os").put("id", report.target().os().id()).put("version", report.target().os().version());
        root.put("profile", report.profile());
        root.put("startedAt", report.startedAt().toString());
        root.put("durationMs", report.durationMs());
        Summary s = report.summary();
        root.putObject("summary").put("pass", s.pass()).put("fail", s.fail()).put("skip", s.skip())
                .put("error", s.error()).put("info", s.info()).put("score", s.score());
        ArrayNode results = root.putArray("results");
        for (Result r : report.results()) {
            ObjectNode o = result(r);
            report.waivers().stream().filter(w -> w.id().equals(r.id())).findFirst().ifPresent(w -> o.set("waiver", waiver(w)));
            results.add(o);
        }
        if (!report.waivers().isEmpty()) {
            ArrayNode ws = root.putArray("waivers");
            report.waivers().forEach(w -> ws.add(waiver(w)));
        }
        return root;
    }

    static ObjectNode result(Result r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", r.id());
        o.put("title", r.check().title());
        o.put("area", r.check().area());
        o.put("severity", r.severity().label());
        o.put("status", r.status().label());
        o.put("reason", r.reason());
        ArrayNode ev = o.putArray("evidence");
        for (Evidence e : r.evidence()) {
            ev.add(evidence(e));
        }
        o.put("remediation", r.check().remediation());
        ArrayNode refs = o.putArray("references");
        r.check().references().forEach(refs::add);
        return o;
    }

    static ObjectNode waiver(Waived w) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", w.id()).put("reason", w.reason()).put("expires", w.expires().toString())
                .put("expired", w.expired()).put("source", w.source());
        return o;
    }

    static ObjectNode evidence(Evidence e) {
        ObjectNode o = MAPPER.createObjectNode();
        if (e.path() != null) {
            o.put("path", e.path());
        }
        if (e.line() > 0) {
            o.put("line", e.line());
        }
        if (e.command() != null) {
            o.put("command", e.command());
        }
        o.put("text", e.text());
        return o;
    }

    static String write(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
