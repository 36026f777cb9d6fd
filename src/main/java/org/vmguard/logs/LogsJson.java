package org.vmguard.logs;

import java.time.Instant;
import java.util.List;
import org.vmguard.core.Evidence;
import org.vmguard.facts.authlog.AuthLogAnalysis;

/**
 * The {@code vmguard-logs/1} JSON report of the interface contract, written by hand: it is the
 * output of a command whose whole run should take well under a second.
 */
public final class LogsJson {

    public static final String SCHEMA = "vmguard-logs/1";

    private LogsJson() {
    }

    public static String render(AuthLogAnalysis a) {
        StringBuilder sb = new StringBuilder(1 << 16);
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
            AuthLogAnalysis.Source s = sources.get(i);
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
            sb.append(", \"bruteForce\": ").append(s.bruteForce()).append('}').append(i + 1 < sources.size() ? ",\n" : "\n");
        }
        close(sb, sources.isEmpty(), "]");
        sb.append(",\n  \"networks\": [");
        sep(sb, a.networks().isEmpty());
        for (int i = 0; i < a.networks().size(); i++) {
            AuthLogAnalysis.Network n = a.networks().get(i);
            sb.append("    {\"network\": ");
            str(sb, n.network());
            sb.append(", \"failures\": ").append(n.failures()).append(", \"addresses\": ").append(n.addresses())
                    .append(", \"successes\": ").append(n.successes()).append('}')
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
        sep(sb, a.findings().isEmpty());
        for (int i = 0; i < a.findings().size(); i++) {
            AuthLogAnalysis.Finding f = a.findings().get(i);
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
            sb.append("]}").append(i + 1 < a.findings().size() ? ",\n" : "\n");
        }
        close(sb, a.findings().isEmpty(), "]");
        sb.append("\n}\n");
        return sb.toString();
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

    private static void time(StringBuilder sb, Instant t) {
        if (t == null) {
            sb.append("null");
        } else {
            sb.append('"').append(t).append('"');
        }
    }

    static void str(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0xd800 && c <= 0xdfff && !validSurrogate(s, i))) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
