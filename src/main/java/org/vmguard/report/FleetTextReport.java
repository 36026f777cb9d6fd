package org.vmguard.report;

import java.util.List;
import org.vmguard.core.Report;
import org.vmguard.core.Summary;

/** The text summary of a multi-host run: one line per host, the fleet checks, the unreachable hosts. */
public final class FleetTextReport {

    private FleetTextReport() {
    }

    public static String render(List<Report> reports, Report fleet, List<JsonReport.Unreachable> unreachable,
            TextReport.Style style) {
        StringBuilder b = new StringBuilder();
        if (style.verbose()) {
            for (Report r : reports) {
                b.append(TextReport.render(r, style)).append('\n');
            }
        }
        b.append(String.format("%-32s %-16s %5s %5s %5s %5s %5s%n", "host", "os", "fail", "error", "pass", "skip", "score"));
        for (Report r : reports) {
            Summary s = r.summary();
            String os = (r.target().os().id() + " " + r.target().os().version()).strip();
            b.append(String.format("%-32s %-16s %5d %5d %5d %5d %5d%n", clip(r.target().name(), 32), clip(os, 16),
                    s.fail(), s.error(), s.pass(), s.skip(), s.score()));
        }
        for (JsonReport.Unreachable u : unreachable) {
            b.append(String.format("%-32s UNREACHABLE  %s%n", clip(u.target(), 32), u.reason()));
        }
        b.append('\n');
        b.append(TextReport.render(fleet, style));
        b.append(reports.size()).append(" host(s) audited, ").append(unreachable.size()).append(" unreachable\n");
        return b.toString();
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
