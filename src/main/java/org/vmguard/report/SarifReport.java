package org.vmguard.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Report;
import org.vmguard.core.Result;
import org.vmguard.core.Status;
import org.vmguard.core.Version;

/**
 * SARIF 2.1.0, for code-scanning dashboards: one run per target, a rule per check that ran, a
 * result per failure (level from severity) and per check that could not be evaluated
 * (kind "review": it is not known to pass).
 */
public final class SarifReport {

    private SarifReport() {
    }

    public static String render(List<Report> reports) {
        ObjectNode root = JsonReport.MAPPER.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ArrayNode runs = root.putArray("runs");
        for (Report r : reports) {
            ObjectNode run = runs.addObject();
            ObjectNode driver = run.putObject("tool").putObject("driver");
            driver.put("name", Version.NAME).put("version", Version.VERSION);
            Map<String, Integer> index = new LinkedHashMap<>();
            ArrayNode rules = driver.putArray("rules");
            for (Result res : r.results()) {
                CheckInfo c = res.check();
                if (index.containsKey(c.id())) {
                    continue;
                }
                index.put(c.id(), index.size());
                ObjectNode rule = rules.addObject();
                rule.put("id", c.id());
                rule.putObject("shortDescription").put("text", c.title());
                rule.putObject("fullDescription").put("text", c.rationale());
                rule.putObject("help").put("text", c.remediation());
                rule.putObject("properties").put("severity", c.severity().label());
            }
            run.putObject("properties").put("target", r.target().name()).put("kind", r.target().kind().label());
            ArrayNode results = run.putArray("results");
            for (Result res : r.results()) {
                if (res.status() != Status.FAIL && res.status() != Status.ERROR) {
                    continue;
                }
                ObjectNode o = results.addObject();
                o.put("ruleId", res.id());
                o.put("ruleIndex", index.get(res.id()));
                if (res.status() == Status.FAIL) {
                    o.put("level", switch (res.severity()) {
                        case CRITICAL, HIGH -> "error";
                        case MEDIUM -> "warning";
                        case LOW, INFO -> "note";
                    });
                } else {
                    o.put("kind", "review");
                    o.put("level", "none");
                }
                o.putObject("message").put("text", res.reason());
                ArrayNode locations = o.putArray("locations");
                for (Evidence e : res.evidence()) {
                    if (e.path() == null) {
                        continue;
                    }
                    ObjectNode phys = locations.addObject().putObject("physicalLocation");
                    phys.putObject("artifactLocation").put("uri", uri(e.path()));
                    if (e.line() > 0) {
                        phys.putObject("region").put("startLine", e.line()).putObject("snippet").put("text", e.text());
                    }
                }
            }
        }
        return JsonReport.write(root);
    }

    /** A file URI with spaces, '#', '%' and non-ASCII percent-encoded: SARIF readers reject a raw one. */
    static String uri(String path) {
        try {
            return new java.net.URI("file", "", path, null).toASCIIString();
        } catch (java.net.URISyntaxException e) {
            // a path that is not absolute: kept as it was, still readable by a person
            return "file://" + path;
        }
    }
}
