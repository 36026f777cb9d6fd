package org.vmguard.report;

import java.util.Comparator;
import java.util.List;
import org.vmguard.core.Evidence;
import org.vmguard.core.Report;
import org.vmguard.core.Result;
import org.vmguard.core.Status;
import org.vmguard.core.Summary;

/** Markdown for tickets and wikis: a summary, the failures with evidence and fix, then a table of all. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(List<Report> reports) {
        StringBuilder b = new StringBuilder();
        for (Report r : reports) {
            Summary s = r.summary();
            b.append("# vmguard audit of ").append(esc(r.target().name())).append("\n\n");
            b.append("Target kind ").append(r.target().kind().label()).append(", OS ")
                    .append(r.target().os().known() ? esc(r.target().os().id() + " " + r.target().os().version()) : "unknown")
                    .append(", profile ").append(r.profile()).append(", started ").append(r.startedAt()).append(".\n\n");
            b.append("**").append(s.fail()).append(" failed, ").append(s.error()).append(" could not be evaluated, ")
                    .append(s.pass()).append(" passed, ").append(s.skip()).append(" skipped, ").append(s.info())
                    .append(" advice; score ").append(s.score()).append("/100.**\n\n");
            List<Result> problems = r.results().stream()
                    .filter(x -> x.status() == Status.FAIL || x.status() == Status.ERROR)
                    .sorted(Comparator.comparing((Result x) -> x.status()).thenComparing(x -> x.severity().ordinal()))
                    .toList();
            if (!problems.isEmpty()) {
                b.append("## Findings\n");
                for (Result x : problems) {
                    b.append("\n### ").append(x.status() == Status.FAIL ? x.severity().label().toUpperCase() : "ERROR")
                            .append(": ").append(x.id()).append(" — ").append(esc(x.check().title())).append("\n\n");
                    b.append(esc(x.reason())).append("\n\n");
                    for (Evidence e : x.evidence()) {
                        b.append("- `").append(TextReport.safe(e.where()).replace("`", "'")).append("` ").append(code(e.text())).append('\n');
                    }
                    if (x.status() == Status.FAIL) {
                        b.append("\nFix: ").append(esc(x.check().remediation())).append('\n');
                    }
                }
                b.append('\n');
            }
            b.append("## All results\n\n| status | severity | check | reason |\n|---|---|---|---|\n");
            for (Result x : r.results()) {
                b.append("| ").append(x.status().label()).append(" | ").append(x.severity().label()).append(" | ")
                        .append(x.id()).append(" | ").append(esc(x.reason()).replace("\n", " ")).append(" |\n");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Control characters from the target (an ESC sequence in a user name) are shown as \\xNN, as in text. */
    private static String esc(String s) {
        return TextReport.safe(s).replace("|", "\\|").replace("<", "&lt;");
    }

    private static String code(String s) {
        return s.isEmpty() ? "" : "`" + TextReport.safe(s).replace("`", "'").replace("\n", " ") + "`";
    }
}
