package org.vmguard.report;

import java.util.Comparator;
import java.util.List;
import org.vmguard.core.Evidence;
import org.vmguard.core.Report;
import org.vmguard.core.Result;
import org.vmguard.core.Status;
import org.vmguard.core.Summary;
import org.vmguard.core.Version;

/** One self-contained HTML page (no scripts, no external resources); every value is escaped. */
public final class HtmlReport {

    private HtmlReport() {
    }

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em;max-width:70em;color:#222}
            table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
            .fail{color:#b00020;font-weight:bold}.error{color:#7b1fa2;font-weight:bold}.pass{color:#2e7d32}.skip{color:#777}.info{color:#0277bd}
            code{background:#f4f4f4;padding:0 .2em}ul{margin:.2em 0}
            """;

    public static String render(List<Report> reports) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Version.NAME).append(" report</title><style>").append(STYLE).append("</style></head><body>\n");
        for (Report r : reports) {
            Summary s = r.summary();
            b.append("<h1>").append(Xml.text(r.target().name())).append("</h1>\n<p>")
                    .append(Xml.text(r.target().kind().label())).append(", ")
                    .append(Xml.text(r.target().os().prettyName().isEmpty() ? r.target().os().id() : r.target().os().prettyName()))
                    .append(", profile ").append(Xml.text(r.profile())).append(", ").append(r.startedAt()).append("</p>\n");
            b.append("<p><b>").append(s.fail()).append(" failed</b>, ").append(s.error()).append(" could not be evaluated, ")
                    .append(s.pass()).append(" passed, ").append(s.skip()).append(" skipped, ").append(s.info())
                    .append(" advice; score ").append(s.score()).append("/100</p>\n");
            b.append("<table><tr><th>status</th><th>severity</th><th>check</th><th>reason, evidence and fix</th></tr>\n");
            List<Result> sorted = r.results().stream()
                    .sorted(Comparator.comparing((Result x) -> rank(x.status())).thenComparing(x -> x.severity().ordinal())
                            .thenComparing(Result::id))
                    .toList();
            for (Result x : sorted) {
                b.append("<tr><td class=\"").append(x.status().label()).append("\">").append(x.status().label())
                        .append("</td><td>").append(x.severity().label()).append("</td><td><code>").append(x.id())
                        .append("</code><br>").append(Xml.text(x.check().title())).append("</td><td>")
                        .append(Xml.text(x.reason()));
                if (!x.evidence().isEmpty()) {
                    b.append("<ul>");
                    for (Evidence e : x.evidence()) {
                        b.append("<li><code>").append(Xml.text(e.where())).append("</code> ").append(Xml.text(e.text()))
                                .append("</li>");
                    }
                    b.append("</ul>");
                }
                if (x.status() == Status.FAIL) {
                    b.append("<p><b>Fix:</b> ").append(Xml.text(x.check().remediation())).append("</p>");
                }
                b.append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static int rank(Status s) {
        return switch (s) {
            case FAIL -> 0;
            case ERROR -> 1;
            case INFO -> 2;
            case PASS -> 3;
            case SKIP -> 4;
        };
    }
}
