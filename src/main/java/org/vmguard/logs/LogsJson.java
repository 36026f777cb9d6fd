package org.vmguard.logs;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.vmguard.core.Evidence;
import org.vmguard.facts.authlog.AuthLogAnalysis;

/**
 * The {@code vmguard-logs/1} JSON report of the interface contract, written by hand: it is the
 * output of a command whose whole run should take well under a second. The document is ASCII:
 * any other character is written as a {@code \\u} escape, so it is the same bytes in any
 * ASCII-compatible encoding and goes out without an encoder.
 */
public final class LogsJson {

    public static final String SCHEMA = "vmguard-logs/1";
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** From this many findings on, two threads write them (bench/README.md). */
    static final int PARALLEL_FINDINGS = 2000;

    private LogsJson() {
    }

    public static String render(AuthLogAnalysis a) {
        // sized for the whole document: growing a multi-megabyte builder copies it again and again
        long size = (1 << 16) + a.sources().size() * 256L + a.users().size() * 96L + a.timeline().size() * 112L
                + a.networks().size() * 96L + a.findings().size() * 512L;
        StringBuilder sb = new StringBuilder((int) Math.min(1 << 28, size));
        // a large report: the findings' tail on another core from the start, while this thread
        // writes everything before it and the rest of the findings (split for equal shares)
        List<AuthLogAnalysis.Finding> findings = a.findings();
        int n = findings.size();
        FutureTask<String> tail = null;
        int mid = n;
        if (n >= PARALLEL_FINDINGS) {
            long head = (size - (1 << 16) - n * 512L) / 512; // the sections before, in findings
            mid = (int) Math.max(0, Math.min(n, (n - head) / 2));
            int from = mid;
            tail = new FutureTask<>(() -> {
                StringBuilder b2 = new StringBuilder((n - from) * 512);
                findings(b2, findings, from, n);
                return b2.toString();
            });
            Thread.ofPlatform().name("logs-json").daemon().start(tail);
        }
        sb.append("{\n  \"schema\": \"").append(SCHEMA).append("\",\n  \"inputs\": [");
        sep(sb, a.inputs().isEmpty());
        for (int i = 0; i < a.inputs().size(); i++) {
            AuthLogAnalysis.Input in = a.inputs().get(i);
            sb.append("    {\"path\": ");
            str(sb, in.path());
            sb.append(", \"lines\": ").append(in.lines()).append(", \"unparsed\": ").append(in.unparsed());
            if (in.error() != null) {
                sb.append(", \"error\": ");
                str(sb, in.error());
            }
            sb.append('}').append(i + 1 < a.inputs().size() ? ",\n" : "\n");
        }
        close(sb, a.inputs().isEmpty(), "]");
        sb.append(",\n  \"window\": ");
        if (a.window() == null) {
            sb.append("null");
        } else {
            sb.append("{\"from\": ");
            time(sb, a.window().from());
            sb.append(", \"to\": ");
            time(sb, a.window().to());
            sb.append('}');
        }
        sb.append(",\n  \"thresholds\": {\"maxretry\": ").append(a.thresholds().maxRetry())
                .append(", \"findtime\": ").append(a.thresholds().findTime().toSeconds()).append('}');
        sb.append(",\n  \"sources\": [");
        List<AuthLogAnalysis.Source> sources = a.sources();
        sep(sb, sources.isEmpty());
        for (int i = 0; i < sources.size(); i++) {
            source(sb, sources.get(i), i + 1 < sources.size());
        }
        close(sb, sources.isEmpty(), "]");
        sb.append(",\n  \"networks\": [");
        sep(sb, a.networks().isEmpty());
        for (int i = 0; i < a.networks().size(); i++) {
            AuthLogAnalysis.Network net = a.networks().get(i);
            sb.append("    {\"network\": ");
            str(sb, net.network());
            sb.append(", \"failures\": ").append(net.failures()).append(", \"addresses\": ").append(net.addresses())
                    .append(", \"successes\": ").append(net.successes()).append('}')
                    .append(i + 1 < a.networks().size() ? ",\n" : "\n");
        }
        close(sb, a.networks().isEmpty(), "]");
        sb.append(",\n  \"users\": [");
        sep(sb, a.users().isEmpty());
        for (int i = 0; i < a.users().size(); i++) {
            AuthLogAnalysis.UserName u = a.users().get(i);
            sb.append("    {\"user\": ");
            str(sb, u.user());
            sb.append(", \"failures\": ").append(u.failures()).append(", \"successes\": ").append(u.successes())
                    .append(", \"invalid\": ").append(u.invalid()).append('}').append(i + 1 < a.users().size() ? ",\n" : "\n");
        }
        close(sb, a.users().isEmpty(), "]");
        sb.append(",\n  \"timeline\": [");
        sep(sb, a.timeline().isEmpty());
        for (int i = 0; i < a.timeline().size(); i++) {
            AuthLogAnalysis.Hour h = a.timeline().get(i);
            sb.append("    {\"hour\": ");
            time(sb, h.start());
            sb.append(", \"failures\": ").append(h.failures()).append(", \"invalidUsers\": ").append(h.invalidUsers())
                    .append(", \"successes\": ").append(h.successes()).append('}')
                    .append(i + 1 < a.timeline().size() ? ",\n" : "\n");
        }
        close(sb, a.timeline().isEmpty(), "]");
        sb.append(",\n  \"findings\": [");
        sep(sb, findings.isEmpty());
        findings(sb, findings, 0, mid);
        if (tail != null) {
            try {
                sb.append(tail.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing the report", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("could not write the report: " + e.getCause(), e.getCause());
            }
        }
        close(sb, a.findings().isEmpty(), "]");
        sb.append("\n}\n");
        return sb.toString();
    }

    // one method per item, not one loop body: a method called thousands of times is compiled
    // after a few hundred calls, a loop that runs once waits for on-stack replacement (if ever)
    private static void source(StringBuilder sb, AuthLogAnalysis.Source s, boolean more) {
        sb.append("    {\"address\": ");
        str(sb, s.address());
        sb.append(", \"failures\": ").append(s.failures()).append(", \"invalidUsers\": ").append(s.invalidUsers())
                .append(", \"successes\": ").append(s.successes()).append(", \"users\": [");
        for (int u = 0; u < s.users().size(); u++) {
            if (u > 0) {
                sb.append(", ");
            }
            str(sb, s.users().get(u));
        }
        sb.append("], \"firstSeen\": ");
        time(sb, s.firstSeen());
        sb.append(", \"lastSeen\": ");
        time(sb, s.lastSeen());
        sb.append(", \"bruteForce\": ").append(s.bruteForce()).append('}').append(more ? ",\n" : "\n");
    }

    private static void findings(StringBuilder sb, List<AuthLogAnalysis.Finding> findings, int from, int to) {
        for (int i = from; i < to; i++) {
            finding(sb, findings.get(i), i + 1 < findings.size());
        }
    }

    private static void finding(StringBuilder sb, AuthLogAnalysis.Finding f, boolean more) {
        sb.append("    {\"id\": ");
        str(sb, f.id());
        sb.append(", \"severity\": ");
        str(sb, f.severity().label());
        sb.append(", \"address\": ");
        str(sb, f.address());
        sb.append(", \"user\": ");
        str(sb, f.user());
        sb.append(", \"time\": ");
        time(sb, f.time());
        sb.append(", \"count\": ").append(f.count()).append(", \"message\": ");
        str(sb, f.message());
        sb.append(", \"evidence\": [");
        for (int e = 0; e < f.evidence().size(); e++) {
            Evidence ev = f.evidence().get(e);
            if (e > 0) {
                sb.append(", ");
            }
            sb.append("{\"path\": ");
            str(sb, ev.path());
            sb.append(", \"line\": ").append(ev.line()).append(", \"text\": ");
            str(sb, ev.text());
            sb.append('}');
        }
        sb.append("]}").append(more ? ",\n" : "\n");
    }

    private static void sep(StringBuilder sb, boolean empty) {
        if (!empty) {
            sb.append('\n');
        }
    }

    private static void close(StringBuilder sb, boolean empty, String bracket) {
        if (!empty) {
            sb.append("  ");
        }
        sb.append(bracket);
    }

    static void time(StringBuilder sb, Instant t) {
        if (t == null) {
            sb.append("null");
            return;
        }
        long secs = t.getEpochSecond();
        if (t.getNano() != 0 || secs < 0 || secs >= 253_402_300_800L) {
            sb.append('"').append(t).append('"');
            return;
        }
        // whole seconds in years 1970-9999, as Instant.toString writes them; a report holds tens
        // of thousands of times, and the formatter behind toString cost ~30 ms of a 1M-line run
        long days = Math.floorDiv(secs, 86_400L);
        int sod = (int) Math.floorMod(secs, 86_400L);
        // civil date from days since 1970-01-01 (H. Hinnant's algorithm)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        sb.append('"').append(year).append('-');
        pad2(sb, month);
        sb.append('-');
        pad2(sb, day);
        sb.append('T');
        pad2(sb, sod / 3600);
        sb.append(':');
        pad2(sb, sod / 60 % 60);
        sb.append(':');
        pad2(sb, sod % 60);
        sb.append("Z\"");
    }

    private static void pad2(StringBuilder sb, int v) {
        sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    static void str(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        int clean = 0;
        while (clean < s.length()) {
            char c = s.charAt(clean);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f) {
                break;
            }
            clean++;
        }
        if (clean == s.length()) {
            // the common case, plain ASCII: one bulk copy
            sb.append(s).append('"');
            return;
        }
        sb.append(s, 0, clean);
        for (int i = clean; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        // everything but printable ASCII as \\uXXXX (a character beyond U+FFFF as
                        // its two surrogates): the document is ASCII, whatever the logs hold
                        sb.append("\\u").append(HEX[c >> 12]).append(HEX[c >> 8 & 15]).append(HEX[c >> 4 & 15])
                                .append(HEX[c & 15]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
