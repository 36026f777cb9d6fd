package org.vmguard.fleet.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vmguard.core.Severity;

/**
 * What {@code fleet report} shows: the latest run, what changed since the previous one (new
 * failures, fixed, new hosts, gone hosts), and failures per severity over the last runs.
 */
public record RunHistory(List<Run> runs) {

    /** The pseudo-host under which the fleet checks' results are kept. */
    public static final String FLEET_HOST = "(fleet)";

    static final int TREND = 10;

    /** @param failures (host, check) → severity of every failed result */
    public record Run(long id, String startedAt, String finishedAt, List<String> reached, Map<String, String> unreachable,
            Map<String, String> failures, Map<String, Integer> bySeverity) {
    }

    /** A change between two runs; {@code host} is "(fleet)" for the fleet checks. */
    public record Change(String host, String check, String severity) {
    }

    static RunHistory load(Connection c) throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT id, started_at, finished_at FROM runs ORDER BY id DESC")) {
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next() && runs.size() < TREND) {
                    runs.add(run(c, rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return new RunHistory(runs);
    }

    private static Run run(Connection c, long id, String started, String finished) throws SQLException {
        List<String> reached = new ArrayList<>();
        Map<String, String> unreachable = new TreeMap<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT host, reachable, reason FROM run_hosts WHERE run_id = ? AND state = 'done' ORDER BY host")) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(2)) {
                        reached.add(rs.getString(1));
                    } else {
                        unreachable.put(rs.getString(1), rs.getString(3));
                    }
                }
            }
        }
        Map<String, String> failures = new TreeMap<>();
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            bySeverity.put(s.label(), 0);
        }
        try (PreparedStatement q = c.prepareStatement(
                "SELECT host, check_id, severity FROM results WHERE run_id = ? AND status = 'fail' ORDER BY host, check_id")) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    failures.put(rs.getString(1) + "\t" + rs.getString(2), rs.getString(3));
                    bySeverity.merge(rs.getString(3), 1, Integer::sum);
                }
            }
        }
        return new Run(id, started, finished, reached, unreachable, failures, bySeverity);
    }

    /** The newest finished run, else the newest run. */
    public Run latest() {
        return runs.stream().filter(r -> r.finishedAt() != null).findFirst().orElse(runs.isEmpty() ? null : runs.getFirst());
    }

    /** The finished run before {@link #latest()}. */
    public Run previous() {
        Run l = latest();
        return l == null ? null : runs.stream().filter(r -> r.finishedAt() != null && r.id() < l.id()).findFirst().orElse(null);
    }

    public List<Change> newFailures() {
        return diff(latest(), previous());
    }

    public List<Change> fixed() {
        return diff(previous(), latest());
    }

    /** Failures in {@code a} that {@code b} did not have, on hosts both runs reached. */
    private static List<Change> diff(Run a, Run b) {
        if (a == null || b == null) {
            return List.of();
        }
        TreeSet<String> both = new TreeSet<>(a.reached());
        both.retainAll(b.reached());
        both.add(FLEET_HOST);
        List<Change> out = new ArrayList<>();
        a.failures().forEach((k, sev) -> {
            String[] hc = k.split("\t", 2);
            if (both.contains(hc[0]) && !b.failures().containsKey(k)) {
                out.add(new Change(hc[0], hc[1], sev));
            }
        });
        return out;
    }

    public List<String> newHosts() {
        Run l = latest();
        Run p = previous();
        if (l == null || p == null) {
            return List.of();
        }
        return hosts(l).stream().filter(h -> !hosts(p).contains(h)).toList();
    }

    public List<String> goneHosts() {
        Run l = latest();
        Run p = previous();
        if (l == null || p == null) {
            return List.of();
        }
        return hosts(p).stream().filter(h -> !hosts(l).contains(h)).toList();
    }

    private static List<String> hosts(Run r) {
        TreeSet<String> all = new TreeSet<>(r.reached());
        all.addAll(r.unreachable().keySet());
        return List.copyOf(all);
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        Run l = latest();
        if (l == null) {
            return "no fleet scan in the store yet (vmguard fleet scan --inventory FILE)\n";
        }
        Run p = previous();
        b.append("latest run ").append(l.id()).append(": started ").append(l.startedAt())
                .append(l.finishedAt() == null ? " (not finished)" : ", finished " + l.finishedAt()).append('\n');
        b.append("  ").append(l.reached().size()).append(" host(s) audited, ").append(l.unreachable().size())
                .append(" unreachable, ").append(l.failures().size()).append(" failure(s)\n");
        l.unreachable().forEach((h, why) -> b.append("  unreachable ").append(h).append(": ").append(why).append('\n'));
        if (p == null) {
            b.append("no earlier finished run to compare with\n");
        } else {
            b.append("\nsince run ").append(p.id()).append(" (").append(p.startedAt()).append("):\n");
            section(b, "new failures", newFailures().stream().map(c -> c.severity() + "  " + c.host() + "  " + c.check()).toList());
            section(b, "fixed", fixed().stream().map(c -> c.severity() + "  " + c.host() + "  " + c.check()).toList());
            section(b, "new hosts", newHosts());
            section(b, "gone hosts", goneHosts());
        }
        b.append("\nfailures per severity (newest first):\n");
        b.append(String.format("  %-6s %-22s", "run", "started"));
        for (Severity s : Severity.values()) {
            b.append(String.format(" %8s", s.label()));
        }
        b.append('\n');
        for (Run r : runs) {
            b.append(String.format("  %-6d %-22s", r.id(), r.startedAt().length() > 19 ? r.startedAt().substring(0, 19) : r.startedAt()));
            for (Severity s : Severity.values()) {
                b.append(String.format(" %8d", r.bySeverity().getOrDefault(s.label(), 0)));
            }
            b.append(r.finishedAt() == null ? "  (not finished)" : "").append('\n');
        }
        return b.toString();
    }

    private static void section(StringBuilder b, String title, List<String> lines) {
        b.append("  ").append(title).append(": ").append(lines.isEmpty() ? "none" : lines.size()).append('\n');
        lines.forEach(l -> b.append("    ").append(l).append('\n'));
    }

    /** {@code vmguard-fleet-history/1}. */
    public String json() {
        ObjectNode root = ResultStore.JSON.createObjectNode();
        root.put("schema", "vmguard-fleet-history/1");
        Run l = latest();
        Run p = previous();
        root.set("latest", l == null ? null : runJson(l));
        root.set("previous", p == null ? null : runJson(p));
        ObjectNode changes = root.putObject("changes");
        changes.set("newFailures", changesJson(newFailures()));
        changes.set("fixed", changesJson(fixed()));
        ArrayNode nh = changes.putArray("newHosts");
        newHosts().forEach(nh::add);
        ArrayNode gh = changes.putArray("goneHosts");
        goneHosts().forEach(gh::add);
        ArrayNode trend = root.putArray("trend");
        for (Run r : runs) {
            ObjectNode t = trend.addObject().put("run", r.id()).put("startedAt", r.startedAt()).put("finished", r.finishedAt() != null);
            ObjectNode f = t.putObject("failures");
            r.bySeverity().forEach(f::put);
        }
        return root.toPrettyString() + "\n";
    }

    private static ObjectNode runJson(Run r) {
        ObjectNode o = ResultStore.JSON.createObjectNode();
        o.put("id", r.id()).put("startedAt", r.startedAt()).put("finishedAt", r.finishedAt());
        ArrayNode h = o.putArray("hosts");
        r.reached().forEach(h::add);
        ArrayNode u = o.putArray("unreachable");
        r.unreachable().forEach((host, why) -> u.addObject().put("target", host).put("reason", why));
        Map<String, Integer> sev = new HashMap<>(r.bySeverity());
        ObjectNode f = o.putObject("failures");
        sev.forEach(f::put);
        return o;
    }

    private static ArrayNode changesJson(List<Change> changes) {
        ArrayNode a = ResultStore.JSON.createArrayNode();
        changes.forEach(c -> a.addObject().put("host", c.host()).put("check", c.check()).put("severity", c.severity()));
        return a;
    }
}
