package org.vmguard.logs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.vmguard.core.Evidence;
import org.vmguard.facts.authlog.AuthLogAnalysis;

/** The report for a person: findings first, then the worst sources, networks and user names. */
public final class LogsText {

    private static final int WIDTH = 80;
    private static final String NL = System.lineSeparator(); // what %n wrote

    /** @param top how many rows each table shows ({@code --verbose}: all) */
    public record Style(boolean color, int top) {
    }

    private LogsText() {
    }

    public static String render(AuthLogAnalysis a, Style style) {
        StringBuilder sb = new StringBuilder();
        long lines = a.lines();
        // no String.format or DateTimeFormatter here: their first use loads locale data (CLDR),
        // ~20 ms of a run whose report is a few lines (bench/README.md); LogsTextTest checks
        // these helpers against them
        sb.append("vmguard logs: ").append(grouped(lines)).append(" line(s) in ").append(a.inputs().size())
                .append(" input(s), ").append(grouped(a.unparsed())).append(" unparsed").append(NL);
        for (AuthLogAnalysis.Input in : a.inputs()) {
            sb.append("  ").append(cut(in.path(), 50)).append("  ").append(grouped(in.lines())).append(" lines");
            if (in.unparsed() > 0) {
                sb.append(", ").append(grouped(in.unparsed())).append(" unparsed");
            }
            sb.append('\n');
            if (in.error() != null) {
                sb.append("    ").append(paint(style, "31", "error: ")).append(cut(in.error(), WIDTH - 11)).append('\n');
            }
        }
        if (a.window() != null) {
            sb.append("Window: ").append(minute(a.window().from())).append(" to ")
                    .append(minute(a.window().to())).append(" UTC\n");
        }
        long brute = a.sources().stream().filter(AuthLogAnalysis.Source::bruteForce).count();
        long failures = a.sources().stream().mapToLong(AuthLogAnalysis.Source::failures).sum();
        long failing = a.sources().stream().filter(s -> s.failures() > 0).count();
        sb.append("Failures: ").append(grouped(failures)).append(" from ").append(grouped(failing))
                .append(" address(es); ").append(grouped(brute)).append(" brute force (").append(a.thresholds().maxRetry())
                .append(" in ").append(a.thresholds().findTime().toSeconds()).append(" s)").append(NL);

        sb.append("\nFindings (").append(a.findings().size()).append(")\n");
        List<AuthLogAnalysis.Finding> findings = a.findings();
        java.util.Map<String, long[]> byId = new java.util.LinkedHashMap<>();
        for (AuthLogAnalysis.Finding f : findings) {
            byId.computeIfAbsent(f.severity().label() + " " + f.id(), k -> new long[1])[0]++;
        }
        byId.forEach((k, v) -> sb.append("  ").append(left(k, 50)).append(' ').append(right(grouped(v[0]), 8)).append(NL));
        if (!findings.isEmpty()) {
            sb.append('\n');
        }
        int shown = 0;
        for (AuthLogAnalysis.Finding f : findings) {
            if (shown++ >= style.top()) {
                sb.append("  … ").append(findings.size() - style.top()).append(" more (--verbose or --format json)\n");
                break;
            }
            String sev = left(f.severity().label().toUpperCase(Locale.ROOT), 8);
            sb.append("  ").append(paint(style, colour(f), sev)).append(' ').append(f.id())
                    .append(f.count() > 1 ? " ×" + f.count() : "").append("  ").append(minute(f.time())).append('\n');
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
        sb.append("  ").append(left("address", 39)).append(' ').append(right("failures", 9)).append(' ')
                .append(right("invalid", 8)).append(' ').append(right("logins", 7)).append(' ').append(right("brute", 5)).append(NL);
        int n = 0;
        for (AuthLogAnalysis.Source s : a.sources()) {
            if (n++ >= style.top()) {
                break;
            }
            sb.append("  ").append(left(cut(s.address(), 39), 39)).append(' ').append(right(Long.toString(s.failures()), 9))
                    .append(' ').append(right(Long.toString(s.invalidUsers()), 8)).append(' ')
                    .append(right(Long.toString(s.successes()), 7)).append(' ').append(right(s.bruteForce() ? "yes" : "", 5))
                    .append(NL);
        }

        sb.append("\nNetworks by failures (/24, /48)\n");
        n = 0;
        for (AuthLogAnalysis.Network net : a.networks()) {
            if (n++ >= style.top()) {
                break;
            }
            sb.append("  ").append(left(cut(net.network(), 39), 39)).append(' ').append(right(Long.toString(net.failures()), 9))
                    .append(" failures, ").append(net.addresses()).append(" address(es)").append(NL);
        }

        sb.append("\nUser names by failures (of ").append(a.users().size()).append(")\n");
        n = 0;
        StringBuilder row = new StringBuilder("  ");
        for (AuthLogAnalysis.UserName u : a.users()) {
            // saturated: --verbose's top is Integer.MAX_VALUE, which doubled would be negative
            if (n++ >= (int) Math.min(Integer.MAX_VALUE, style.top() * 2L)) {
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
                .forEach(h -> sb.append("  ").append(minute(h.start())).append(' ').append(right(Long.toString(h.failures()), 8)).append(' ')
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
        String clean = s;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unsafe(c)) {
                char[] chars = s.toCharArray();
                for (int k = i; k < chars.length; k++) {
                    if (unsafe(chars[k])) {
                        chars[k] = '?';
                    }
                }
                clean = new String(chars);
                break;
            }
        }
        return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
    }

    /**
     * What must not reach a terminal from a log line: C0 and C1 controls (U+009B is a one-character
     * CSI where C1 is honoured) and format characters such as the bidi overrides, which would let an
     * attacker's user name rearrange what the operator reads.
     */
    private static boolean unsafe(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && (c <= 0x9f || Character.getType(c) == Character.FORMAT));
    }

    /** %,d with Locale.ROOT: groups of three digits parted by commas. */
    static String grouped(long v) {
        String d = Long.toString(v);
        int neg = v < 0 ? 1 : 0;
        int digits = d.length() - neg;
        if (digits <= 3) {
            return d;
        }
        StringBuilder sb = new StringBuilder(d.length() + digits / 3);
        sb.append(d, 0, neg);
        int first = digits % 3 == 0 ? 3 : digits % 3;
        sb.append(d, neg, neg + first);
        for (int i = neg + first; i < d.length(); i += 3) {
            sb.append(',').append(d, i, i + 3);
        }
        return sb.toString();
    }

    /** %-Ns: padded with spaces on the right to n characters (never cut). */
    static String left(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }

    /** %Ns: padded with spaces on the left to n characters (never cut). */
    static String right(String s, int n) {
        return s.length() >= n ? s : " ".repeat(n - s.length()) + s;
    }

    /** "yyyy-MM-dd HH:mm" in UTC, as the DateTimeFormatter this replaced wrote it. */
    static String minute(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        int y = d.getYear();
        if (y < 1 || y > 9999) {
            return MinuteFormat.MINUTE.format(t); // year-of-era and its sign: left to the formatter
        }
        StringBuilder sb = new StringBuilder(16);
        if (y < 1000) {
            sb.append(y < 10 ? "000" : y < 100 ? "00" : "0");
        }
        sb.append(y).append('-');
        two(sb, d.getMonthValue()).append('-');
        two(sb, d.getDayOfMonth()).append(' ');
        two(sb, d.getHour()).append(':');
        return two(sb, d.getMinute()).toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /** The formatter, made only for the years the plain code leaves to it. */
    static final class MinuteFormat {
        static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

        private MinuteFormat() {
        }
    }
}
