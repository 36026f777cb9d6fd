package org.vmguard.report;

import java.util.List;
import org.vmguard.core.Report;
import org.vmguard.core.Result;
import org.vmguard.core.Status;

/**
 * The Prometheus text exposition format, for a node_exporter textfile collector: one series per
 * check with its status as a label, plus the counts and the score.
 */
public final class PrometheusReport {

    private PrometheusReport() {
    }

    public static String render(List<Report> reports) {
        StringBuilder b = new StringBuilder();
        b.append("# HELP vmguard_check_failed 1 when the check failed, 0 otherwise (status label has the detail)\n");
        b.append("# TYPE vmguard_check_failed gauge\n");
        for (Report r : reports) {
            for (Result x : r.results()) {
                b.append("vmguard_check_failed{target=\"").append(label(r.target().name())).append("\",id=\"")
                        .append(x.id()).append("\",area=\"").append(x.check().area()).append("\",severity=\"")
                        .append(x.severity().label()).append("\",status=\"").append(x.status().label()).append("\"} ")
                        .append(x.status() == Status.FAIL ? 1 : 0).append('\n');
            }
        }
        b.append("# HELP vmguard_results Number of results per status\n# TYPE vmguard_results gauge\n");
        for (Report r : reports) {
            var s = r.summary();
            int[] n = {s.pass(), s.fail(), s.skip(), s.error(), s.info()};
            for (Status st : Status.values()) {
                b.append("vmguard_results{target=\"").append(label(r.target().name())).append("\",status=\"")
                        .append(st.label()).append("\"} ").append(n[st.ordinal()]).append('\n');
            }
        }
        b.append("# HELP vmguard_score Severity-weighted share of evaluated checks that passed (0-100)\n");
        b.append("# TYPE vmguard_score gauge\n");
        for (Report r : reports) {
            b.append("vmguard_score{target=\"").append(label(r.target().name())).append("\"} ")
                    .append(r.summary().score()).append('\n');
        }
        return b.toString();
    }

    private static String label(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
