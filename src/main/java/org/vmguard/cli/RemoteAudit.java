package org.vmguard.cli;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.catalogue.Catalogue;
import org.vmguard.catalogue.Selection;
import org.vmguard.core.Report;
import org.vmguard.core.Severity;
import org.vmguard.fleet.FleetAudit;
import org.vmguard.report.FleetTextReport;
import org.vmguard.report.Format;
import org.vmguard.report.HtmlReport;
import org.vmguard.report.JsonReport;
import org.vmguard.report.JunitReport;
import org.vmguard.report.MarkdownReport;
import org.vmguard.report.PrometheusReport;
import org.vmguard.report.Renderers;
import org.vmguard.report.SarifReport;
import org.vmguard.report.TextReport;
import org.vmguard.target.ssh.SshAddress;
import org.vmguard.target.ssh.SshConnector;

/** audit --host/--inventory: hosts over SSH, concurrently; one report for one --host, the fleet document otherwise. */
final class RemoteAudit {

    private RemoteAudit() {
    }

    /** Audited hosts, for callers that keep them (fleet scan). */
    interface Sink {
        void accept(List<FleetAudit.HostResult> results, Report fleet);
    }

    static int run(ReportOptions report, SshOptions ssh, Sink sink) {
        Selection selection = report.selection(Catalogue.all());
        Severity threshold = report.threshold();
        Format format = report.format();
        List<SshAddress> hosts = ssh.addresses();
        try (SshConnector connector = ssh.connector()) {
            List<FleetAudit.HostResult> results = FleetAudit.auditAll(hosts, connector::connect, selection,
                    ssh.parallel, ProgressBar.forTerminal(report.quiet));
            connector.notes().forEach(n -> System.err.println("vmguard: " + n));
            Report fleet = FleetAudit.judge(results, selection);
            if (sink != null) {
                sink.accept(results, fleet);
            }
            return emit(report, format, threshold, results, fleet, hosts.size() == 1 && ssh.inventory == null);
        }
    }

    static int emit(ReportOptions report, Format format, Severity threshold, List<FleetAudit.HostResult> results,
            Report fleet, boolean single) {
        List<Report> reports = new ArrayList<>();
        List<JsonReport.Unreachable> unreachable = new ArrayList<>();
        for (FleetAudit.HostResult r : results) {
            if (r.reached()) {
                reports.add(r.report());
            } else {
                unreachable.add(new JsonReport.Unreachable(r.name(), r.unreachable()));
            }
        }
        if (single && unreachable.size() == 1) {
            throw new TargetError(unreachable.getFirst().reason());
        }
        TextReport.Style style = new TextReport.Style(report.color(), report.quiet, report.verbose);
        List<Report> withFleet = new ArrayList<>(reports);
        withFleet.add(fleet);
        String text;
        if (single) {
            text = Renderers.render(format, reports.getFirst(), style);
        } else {
            text = switch (format) {
                case JSON -> JsonReport.renderFleet(reports, fleet, unreachable);
                case TEXT -> FleetTextReport.render(reports, fleet, unreachable, style);
                case JUNIT -> JunitReport.render(withFleet);
                case SARIF -> SarifReport.render(withFleet);
                case HTML -> HtmlReport.render(withFleet);
                case MARKDOWN -> MarkdownReport.render(withFleet);
                case PROMETHEUS -> PrometheusReport.render(withFleet);
            };
        }
        report.emit(System.out, text);
        for (JsonReport.Unreachable u : unreachable) {
            System.err.println("vmguard: " + u.target() + " unreachable: " + u.reason());
        }
        if (!unreachable.isEmpty()) {
            return ExitCode.UNREACHABLE;
        }
        List<Report> all = new ArrayList<>(reports);
        if (!single) {
            all.add(fleet);
        }
        return ExitCode.of(all, threshold);
    }
}
