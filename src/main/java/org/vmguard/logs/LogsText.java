package org.vmguard.logs;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.vmguard.core.Evidence;
import org.vmguard.facts.authlog.AuthLogAnalysis;

/** The report for a person: findings first, then the worst sources, networks and user names. */
public final class LogsText {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final int WIDTH = 80;

    /** @param top how many rows each table shows ({@code --verbose}: all) */
    public record Style(boolean color, int top) {
    }

    private LogsText() {
    }

    public static String render(AuthLogAnalysis a, Style style) {
        StringBuilder sb = new StringBuilder();
        long lines = a.lines();
        sb.append(String.format(Locale.ROOT, "vmguard logs: %,d line(s) in %d input(s), %,d unparsed%n", lines,
                a.inputs().size(), a.unparsed()));
        for (AuthLogAnalysis.Input in : a.inputs()) {
            sb.append("  ").append(cut(in.path(), 50)).append(String.format(Locale.ROOT, "  %,d lines", in.lines()));
            if (in.unparsed() > 0) {
                sb.append(String.format(Locale.ROOT, ", %,d unparsed", in.unparsed()));
            }
            sb.append('\n');
            if (in.error() != null) {
                sb.append("    ").append(paint(style, "31", "error: ")).append(cut(in.error(), WIDTH - 11)).append('\n');
            }
        }
        if (a.window() != null) {
            sb.append("Window: ").append(MINUTE.format(a.window().from())).append(" to ")
                    .append(MINUTE.format(a.window().to())).append(" UTC\n");
        }
        long brute = a.sources().stream().filter(AuthLogAnalysis.Source::bruteForce).count();
        long failures = a.sources().stream().mapToLong(AuthLogAnalysis.Source::failures).sum();
        long failing = a.sources().stream().filter(s -> s.failures() > 0).count();
        sb.append(String.format(Locale.ROOT, "Failures: %,d from %,d address(es); %,d brute force (%d in %d s)%n",
                failures, failing, brute, a.thresholds().maxRetry(), a.thresholds().findTime().toSeconds()));

        sb.append("\nFindings (").append(a.findings().size()).append(")\n");
        List<AuthLogAnalysis.Finding> findings = a.findings();
        java.util.Map<String, long[]> byId = new java.util.LinkedHashMap<>();
        for (AuthLogAnalysis.Finding f : findings) {
            byId.computeIfAbsent(f.severity().label() + " " + f.id(), k -> new long[1])[0]++;
        }
        byId.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-50s %,8d%n", k, v[0])));
        if (!findings.isEmpty()) {
            sb.append('\n');
        }
        int shown = 0;
        for (AuthLogAnalysis.Finding f : findings) {
            if (shown++ >= style.top()) {
                sb.append("  … ").append(findings.size() - style.top()).append(" more (--verbose or --format json)\n");
                break;
            }
            String sev = String.format("%-8s", f.severity().label().toUpperCase(Locale.ROOT));
            sb.append("  ").append(paint(style, colour(f), sev)).append(' ').append(f.id())
                    .append(f.count() > 1 ? " ×" + f.count() : "").append("  ").append(MINUTE.format(f.time())).append('\n');
            sb.append("           ").append(cut(f.message(), WIDTH - 11)).append('\n');
            if (!f.evidence().isEmpty()) {
                Evidence e = f.evidence().getFirst();
                sb.append("           ").append(cut(e.where(), WIDTH - 11)).append('\n');
            }
        }
        if (findings.isEmpty()) {
            sb.append("  none\n");
        }

        sb.append("\nSources by failures (of ").append(a.sources().size()).append(")\n");
        sb.append(String.format(Locale.ROOT, "  %-39s %9s %8s %7s %5s%n", "address", "failures", "invalid", "logins", "brute"));
        int n = 0;
        for (AuthLogAnalysis.Source s : a.sources()) {
            if (n++ >= style.top()) {
                break;
            }
            sb.append(String.format(Locale.ROOT, "  %-39s %9d %8d %7d %5s%n", cut(s.address(), 39), s.failures(),
                    s.invalidUsers(), s.successes(), s.bruteForce() ? "yes" : ""));
        }

        sb.append("\nNetworks by failures (/24, /48)\n");
        n = 0;
        for (AuthLogAnalysis.Network net : a.networks()) {
            if (n++ >= style.top()) {
                break;
            }
            sb.append(String.format(Locale.ROOT, "  %-39s %9d failures, %d address(es)%n", cut(net.network(), 39),
                    net.failures(), net.addresses()));
        }

        sb.append("\nUser names by failures (of ").append(a.users().size()).append(")\n");
        n = 0;
        StringBuilder row = new StringBuilder("  ");
        for (AuthLogAnalysis.UserName u : a.users()) {
            if (n++ >= style.top() * 2) {
                break;
            }
            String cell = cut(u.user(), 20) + " " + u.failures() + (u.invalid() ? "*" : "");
            if (row.length() + cell.length() + 2 > WIDTH) {
                sb.append(row.toString().stripTrailing()).append('\n');
                row = new StringBuilder("  ");
            }
            row.append(cell).append("  ");
        }
        sb.append(row.toString().stripTrailing()).append("\n  (* = not an account on the host)\n");

        sb.append("\nFailures per hour (UTC; the busiest ").append(Math.min(style.top(), a.timeline().size())).append(")\n");
        long max = a.timeline().stream().mapToLong(AuthLogAnalysis.Hour::failures).max().orElse(1);
        a.timeline().stream().sorted((x, y) -> Long.compare(y.failures(), x.failures())).limit(style.top())
                .sorted((x, y) -> x.start().compareTo(y.start()))
                .forEach(h -> sb.append("  ").append(MINUTE.format(h.start())).append(String.format(Locale.ROOT, " %8d ", h.failures()))
                        .append("#".repeat((int) Math.max(h.failures() > 0 ? 1 : 0, h.failures() * 44 / Math.max(1, max))))
                        .append('\n'));
        return sb.toString();
    }

    private static String colour(AuthLogAnalysis.Finding f) {
        return switch (f.severity()) {
            case CRITICAL, HIGH -> "31";
            case MEDIUM -> "33";
            case LOW, INFO -> "36";
        };
    }

    private static String paint(Style style, String code, String text) {
        return style.color() ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
    }
}
