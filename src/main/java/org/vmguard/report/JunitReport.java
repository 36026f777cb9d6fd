package org.vmguard.report;

import java.util.List;
import org.vmguard.core.Evidence;
import org.vmguard.core.Report;
import org.vmguard.core.Result;
import org.vmguard.core.Status;
import org.vmguard.core.Summary;

/**
 * JUnit XML for CI systems: one testsuite per target, one testcase per check. A failed check is a
 * {@code failure}, one that could not be evaluated an {@code error}, skip and info are
 * {@code skipped} (info with its advice as the message).
 */
public final class JunitReport {

    private JunitReport() {
    }

    public static String render(List<Report> reports) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"vmguard\">\n");
        for (Report r : reports) {
            Summary s = r.summary();
            b.append("  <testsuite name=\"").append(Xml.attr(r.target().name())).append("\" tests=\"")
                    .append(r.results().size()).append("\" failures=\"").append(s.fail()).append("\" errors=\"")
                    .append(s.error()).append("\" skipped=\"").append(s.skip() + s.info()).append("\" timestamp=\"")
                    .append(r.startedAt()).append("\" time=\"").append(r.durationMs() / 1000.0).append("\">\n");
            for (Result res : r.results()) {
                b.append("    <testcase classname=\"vmguard.").append(Xml.attr(res.check().area())).append("\" name=\"")
                        .append(Xml.attr(res.id() + ": " + res.check().title())).append("\"");
                String body = switch (res.status()) {
                    case PASS -> null;
                    case FAIL -> element("failure", res.severity().label(), res);
                    case ERROR -> element("error", "could not evaluate", res);
                    case SKIP, INFO -> "<skipped message=\"" + Xml.attr(res.reason()) + "\"/>";
                };
                if (body == null) {
                    b.append("/>\n");
                } else {
                    b.append(">\n      ").append(body).append("\n    </testcase>\n");
                }
            }
            b.append("  </testsuite>\n");
        }
        return b.append("</testsuites>\n").toString();
    }

    private static String element(String name, String type, Result r) {
        StringBuilder text = new StringBuilder();
        for (Evidence e : r.evidence()) {
            text.append(e.where()).append(' ').append(e.text()).append('\n');
        }
        if (r.status() == Status.FAIL) {
            text.append("fix: ").append(r.check().remediation()).append('\n');
        }
        return "<" + name + " type=\"" + Xml.attr(type) + "\" message=\"" + Xml.attr(r.reason()) + "\">"
                + Xml.text(text.toString()) + "</" + name + ">";
    }
}
