package org.vmguard.catalogue;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Report;
import org.vmguard.core.Result;
import org.vmguard.core.Status;
import org.vmguard.core.Waived;
import org.vmguard.facts.ParseError;

/**
 * {@code --waivers FILE}: a YAML list of accepted risks, each with the check id, the reason, an
 * expiry date, and optionally a host pattern (glob: * and ?) limiting it to some targets.
 *
 * <pre>
 * - id: ssh.default-port
 *   reason: the port is filtered by the security group
 *   expires: 2027-06-30
 *   hosts: "web*"
 * </pre>
 */
public record Waivers(List<Entry> entries) {

    public record Entry(String id, String reason, LocalDate expires, Pattern hosts, String source) {
    }

    public static final Waivers NONE = new Waivers(List.of());

    private static final Set<String> FIELDS = Set.of("id", "reason", "expires", "hosts");

    /** @throws ParseError naming the file and line of the first problem */
    public static Waivers parse(String path, String text, List<CheckInfo> catalogue) {
        // a key given twice would silently lose one of its values
        ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
        List<Entry> out = new ArrayList<>();
        try (JsonParser p = yaml.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return NONE;
            }
            if (first != JsonToken.START_ARRAY) {
                throw new ParseError(path, line(p), "expected a list of waivers (- id: …, reason: …, expires: YYYY-MM-DD)");
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                int line = line(p);
                if (t != JsonToken.START_OBJECT) {
                    throw new ParseError(path, line, "a waiver must be a mapping of id, reason, expires");
                }
                out.add(entry(path, line, yaml.readTree(p), catalogue));
            }
            if (t != null && p.nextToken() != null) {
                // a second document's waivers would never apply
                throw new ParseError(path, line(p), "only one YAML document (one list of waivers) is read");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ParseError(path, at == null ? 0 : at.getLineNr(), "not valid YAML: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ParseError(path, 0, "cannot read: " + e.getMessage());
        }
        return new Waivers(List.copyOf(out));
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static Entry entry(String path, int line, JsonNode w, List<CheckInfo> catalogue) {
        var names = w.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!FIELDS.contains(f)) {
                throw new ParseError(path, line, "unknown field '" + f + "' (id, reason, expires, hosts)");
            }
        }
        String id = w.path("id").asText("");
        if (!w.hasNonNull("id")) {
            throw new ParseError(path, line, "a waiver needs an id (vmguard checks lists them)");
        }
        if (id.isEmpty() || catalogue.stream().noneMatch(c -> c.id().equals(id))) {
            throw new ParseError(path, line, "unknown check id '" + id + "' (vmguard checks lists them)");
        }
        String reason = w.path("reason").asText("").strip();
        if (reason.isEmpty()) {
            throw new ParseError(path, line, id + ": a reason is required");
        }
        LocalDate expires;
        try {
            expires = LocalDate.parse(w.path("expires").asText(""));
        } catch (DateTimeParseException e) {
            throw new ParseError(path, line, id + ": expires must be a date YYYY-MM-DD");
        }
        JsonNode hosts = w.get("hosts");
        if (hosts != null && (hosts.isContainerNode() || hosts.isNull())) {
            // a list or an empty value would otherwise become a pattern that matches no host
            throw new ParseError(path, line, id + ": hosts must be one pattern (glob: * and ?), such as \"web*\"");
        }
        return new Entry(id, reason, expires, glob(hosts == null ? "*" : hosts.asText()), path + ":" + line);
    }

    private static Pattern glob(String g) {
        StringBuilder b = new StringBuilder();
        for (char c : g.toCharArray()) {
            switch (c) {
                case '*' -> b.append(".*");
                case '?' -> b.append('.');
                default -> b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(b.toString());
    }

    /** The report with the waivers that match its results (failures and errors) attached. */
    public Report apply(Report report, LocalDate today) {
        if (entries.isEmpty()) {
            return report;
        }
        List<Waived> matched = new ArrayList<>();
        for (Result r : report.results()) {
            if (r.status() != Status.FAIL && r.status() != Status.ERROR) {
                continue;
            }
            for (Entry e : entries) {
                if (e.id().equals(r.id()) && e.hosts().matcher(report.target().name()).matches()) {
                    matched.add(new Waived(e.id(), e.reason(), e.expires(), e.expires().isBefore(today), e.source()));
                    break;
                }
            }
        }
        return report.withWaivers(matched);
    }
}
