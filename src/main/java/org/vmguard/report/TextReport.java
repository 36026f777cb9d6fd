package org.vmguard.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmguard.core.Evidence;
import org.vmguard.core.Report;
import org.vmguard.core.Result;
import org.vmguard.core.Status;
import org.vmguard.core.Summary;
import org.vmguard.core.Version;

/**
 * The report for a person at an 80-column terminal: results grouped by area, the areas with
 * failures first, and inside an area failures (most severe first) with their evidence and fix,
 * then errors, then the rest one line each.
 */
public final class TextReport {

    public static final int WIDTH = 80;

    /** @param quiet show only failures and errors */
    public record Style(boolean color, boolean quiet, boolean verbose) {
    }

    private final Style style;
    private final StringBuilder out = new StringBuilder();

    private TextReport(Style style) {
        this.style = style;
    }

    public static String render(Report report, Style style) {
        TextReport t = new TextReport(style);
        t.report(report);
        return t.out.toString();
    }

    private void report(Report r) {
        current = r;
        String os = r.target().os().prettyName().isEmpty() ? r.target().os().id() : r.target().os().prettyName();
        wrap("", "  ", bold(Version.NAME + " " + Version.VERSION) + "  audit of " + safe(r.target().name()) + " ("
                + r.target().kind().label() + (os.isEmpty() ? "" : ", " + os) + "), profile " + r.profile());
        Map<String, List<Result>> byArea = new LinkedHashMap<>();
        for (Result res : r.results()) {
            byArea.computeIfAbsent(res.check().area(), a -> new ArrayList<>()).add(res);
        }
        List<String> areas = new ArrayList<>(byArea.keySet());
        areas.sort(Comparator.comparingInt((String a) -> worst(byArea.get(a))).thenComparing(a -> a));
        for (String area : areas) {
            List<Result> rs = new ArrayList<>(byArea.get(area));
            rs.sort(Comparator.comparingInt((Result x) -> rank(x.status()))
                    .thenComparing(x -> x.severity().ordinal()).thenComparing(Result::id));
            List<Result> shown = style.quiet()
                    ? rs.stream().filter(x -> x.status() == Status.FAIL || x.status() == Status.ERROR).toList()
                    : rs;
            if (shown.isEmpty()) {
                continue;
            }
            line("");
            line(bold(area) + " " + "─".repeat(Math.max(3, WIDTH - area.length() - 1)));
            for (Result res : shown) {
                result(res);
            }
        }
        Summary s = r.summary();
        line("");
        wrap("", "  ", bold("summary") + ": " + s.fail() + " failed, " + s.error() + " could not be evaluated, " + s.pass()
                + " passed, " + s.skip() + " skipped, " + s.info() + " advice; score " + s.score() + "/100"
                + " (" + r.durationMs() + " ms)");
    }

    private Report current;

    private void result(Result r) {
        String tag = switch (r.status()) {
            case FAIL -> color(String.format("FAIL %-9s", r.severity().label()), r.severity().atLeast(org.vmguard.core.Severity.HIGH) ? "31" : "33");
            case ERROR -> color("ERROR         ", "35");
            case PASS -> color("pass          ", "32");
            case SKIP -> color("skip          ", "2");
            case INFO -> color("info          ", "36");
        };
        String indent = "                ";
        wrap("  ", indent, tag + r.id() + "  " + safe(r.check().title()));
        boolean detail = r.status() == Status.FAIL || r.status() == Status.ERROR || style.verbose()
                || r.status() == Status.SKIP || r.status() == Status.INFO;
        if (!detail) {
            return;
        }
        wrap(indent, safe(r.reason()));
        if (r.status() == Status.FAIL || style.verbose()) {
            for (Evidence e : r.evidence()) {
                String where = e.where();
                wrap(indent + "  ", (where.isEmpty() ? "" : dim(safe(where)) + "  ") + safe(e.text()));
            }
        }
        if (r.status() == Status.FAIL) {
            wrap(indent, bold("fix") + ": " + r.check().remediation());
        }
        current.waivers().stream().filter(w -> w.id().equals(r.id())).findFirst().ifPresent(w -> wrap(indent,
                (w.expired() ? "waiver EXPIRED on " : "waived until ") + w.expires() + " (" + w.source() + "): "
                        + safe(w.reason())));
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

    private static int worst(List<Result> rs) {
        return rs.stream().mapToInt(r -> rank(r.status()) * 10 + r.severity().ordinal()).min().orElse(99);
    }

    private void wrap(String indent, String text) {
        wrap(indent, indent, text);
    }

    /** Word-wraps text to the width; escape codes do not count towards it. */
    private void wrap(String first, String indent, String text) {
        for (String para : text.split("\n")) {
            StringBuilder cur = new StringBuilder(first);
            int visible = visibleLength(first);
            for (String word : para.split(" ")) {
                int w = visibleLength(word);
                if (visible + w + 1 > WIDTH && cur.length() > indent.length() && !cur.toString().isBlank()) {
                    line(cur.toString().stripTrailing());
                    cur = new StringBuilder(indent);
                    visible = indent.length();
                }
                if (!cur.toString().isBlank()) {
                    cur.append(' ');
                    visible++;
                }
                cur.append(word);
                visible += w;
            }
            line(cur.toString().stripTrailing());
            first = indent;
        }
    }

    /**
     * Text from the target (file lines, command output) may hold terminal escape sequences or
     * other control characters: show them as \\xNN instead of letting them act on the terminal.
     */
    static String safe(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = (c < 0x20 && c != '\n') || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (control) {
                if (b == null) {
                    b = new StringBuilder(s.substring(0, i));
                }
                b.append(String.format("\\x%02x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    private static int visibleLength(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }

    private String color(String s, String code) {
        return style.color() ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    private String bold(String s) {
        return color(s, "1");
    }

    private String dim(String s) {
        return color(s, "2");
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
