package org.vmguard.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.vmguard.core.Evidence;
import org.vmguard.core.Report;
import org.vmguard.core.Result;
import org.vmguard.core.Summary;
import org.vmguard.core.Version;
import org.vmguard.core.Waived;

/**
 * The {@code vmguard-report/1} document written with Jackson's streaming generator: the same
 * bytes as {@link JsonReport#render}, without building an ObjectMapper and a node tree, which
 * costs a one-shot audit ~100 ms of start-up (bench/README.md).
 */
public final class JsonStream {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonStream() {
    }

    public static String render(Report report) {
        StringWriter out = new StringWriter(64 * 1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("schema", Report.SCHEMA);
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", Version.NAME);
            g.writeStringField("version", Version.VERSION);
            g.writeEndObject();
            g.writeObjectFieldStart("target");
            g.writeStringField("kind", report.target().kind().label());
            g.writeStringField("name", report.target().name());
            g.writeObjectFieldStart("os");
            g.writeStringField("id", report.target().os().id());
            g.writeStringField("version", report.target().os().version());
            g.writeEndObject();
            g.writeEndObject();
            g.writeStringField("profile", report.profile());
            g.writeStringField("startedAt", report.startedAt().toString());
            g.writeNumberField("durationMs", report.durationMs());
            Summary s = report.summary();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("pass", s.pass());
            g.writeNumberField("fail", s.fail());
            g.writeNumberField("skip", s.skip());
            g.writeNumberField("error", s.error());
            g.writeNumberField("info", s.info());
            g.writeNumberField("score", s.score());
            g.writeEndObject();
            g.writeArrayFieldStart("results");
            for (Result r : report.results()) {
                result(g, r, report);
            }
            g.writeEndArray();
            if (!report.waivers().isEmpty()) {
                g.writeArrayFieldStart("waivers");
                for (Waived w : report.waivers()) {
                    waiver(g, w);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    private static void result(JsonGenerator g, Result r, Report report) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("title", r.check().title());
        g.writeStringField("area", r.check().area());
        g.writeStringField("severity", r.severity().label());
        g.writeStringField("status", r.status().label());
        g.writeStringField("reason", r.reason());
        g.writeArrayFieldStart("evidence");
        for (Evidence e : r.evidence()) {
            g.writeStartObject();
            if (e.path() != null) {
                g.writeStringField("path", e.path());
            }
            if (e.line() > 0) {
                g.writeNumberField("line", e.line());
            }
            if (e.command() != null) {
                g.writeStringField("command", e.command());
            }
            g.writeStringField("text", e.text());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("remediation", r.check().remediation());
        g.writeArrayFieldStart("references");
        for (String ref : r.check().references()) {
            g.writeString(ref);
        }
        g.writeEndArray();
        for (Waived w : report.waivers()) {
            if (w.id().equals(r.id())) {
                g.writeFieldName("waiver");
                waiver(g, w);
                break;
            }
        }
        g.writeEndObject();
    }

    private static void waiver(JsonGenerator g, Waived w) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", w.id());
        g.writeStringField("reason", w.reason());
        g.writeStringField("expires", w.expires().toString());
        g.writeBooleanField("expired", w.expired());
        g.writeStringField("source", w.source());
        g.writeEndObject();
    }
}
