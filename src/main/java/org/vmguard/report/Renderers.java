package org.vmguard.report;

import java.util.List;
import org.vmguard.core.Report;

/** Renders one or many reports in a chosen format. */
public final class Renderers {

    private Renderers() {
    }

    public static String render(Format format, Report report, TextReport.Style style) {
        return switch (format) {
            case TEXT -> TextReport.render(report, style);
            case JSON -> JsonStream.render(report);
            case JUNIT -> JunitReport.render(List.of(report));
            case SARIF -> SarifReport.render(List.of(report));
            case HTML -> HtmlReport.render(List.of(report));
            case MARKDOWN -> MarkdownReport.render(List.of(report));
            case PROMETHEUS -> PrometheusReport.render(List.of(report));
        };
    }
}
