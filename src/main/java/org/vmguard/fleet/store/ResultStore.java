package org.vmguard.fleet.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.vmguard.core.Report;
import org.vmguard.core.Result;
import org.vmguard.facts.fleet.FleetFacts;
import org.vmguard.facts.fleet.UnprotectedKeys;
import org.vmguard.fleet.FleetAudit;
import org.vmguard.report.JsonReport;
import org.vmguard.target.ssh.SshAddress;

/**
 * Every fleet scan, kept: runs, the hosts of each run with their state (pending, claimed, done),
 * reports and fleet facts, and one row per check result for comparisons. SQLite (one connection,
 * guarded) or PostgreSQL (a pool); the schema comes from Flyway migrations, one folder per
 * vendor. Hosts are claimed one at a time with an atomic UPDATE — {@code FOR UPDATE SKIP LOCKED}
 * on PostgreSQL — so several scans of one inventory split it without auditing a host twice.
 */
public final class ResultStore implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final StoreLocation location;
    private final boolean postgres;
    private final Connection single;
    private final ReentrantLock singleLock = new ReentrantLock();
    private final HikariDataSource pool;

    private ResultStore(StoreLocation location, Connection single, HikariDataSource pool) {
        this.location = location;
        this.postgres = location instanceof StoreLocation.Postgres;
        this.single = single;
        this.pool = pool;
    }

    /**
     * Opens an existing store: what a report reads. A SQLite file that is not there is an error
     * (a mistyped path), not a new empty store.
     */
    public static ResultStore openExisting(String dbOption, Map<String, String> env, Path home, int poolSize)
            throws StoreError {
        StoreLocation loc;
        try {
            loc = StoreLocation.parse(dbOption, env, home);
        } catch (IllegalArgumentException e) {
            throw new StoreError(e.getMessage());
        }
        if (loc instanceof StoreLocation.Sqlite s && !Files.exists(s.file())) {
            throw new StoreError("results store " + s + ": no such file (vmguard fleet scan creates it)");
        }
        return open(dbOption, env, home, poolSize);
    }

    /** Opens (creating on first use) and migrates the store. */
    public static ResultStore open(String dbOption, Map<String, String> env, Path home, int poolSize) throws StoreError {
        StoreLocation loc;
        try {
            loc = StoreLocation.parse(dbOption, env, home);
        } catch (IllegalArgumentException e) {
            throw new StoreError(e.getMessage());
        }
        return switch (loc) {
            case StoreLocation.Sqlite s -> openSqlite(s);
            case StoreLocation.Postgres p -> openPostgres(p, poolSize);
        };
    }

    private static ResultStore openSqlite(StoreLocation.Sqlite s) throws StoreError {
        if (Files.isDirectory(s.file())) {
            // SQLite would only say SQLITE_CANTOPEN
            throw new StoreError("results store " + s + ": is a directory (give a file in it, such as " + s.file().resolve("fleet.db") + ")");
        }
        try {
            Path parent = s.file().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            SQLiteConfig cfg = new SQLiteConfig();
            cfg.setBusyTimeout(30_000);
            cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
            cfg.enforceForeignKeys(true);
            SQLiteDataSource ds = new SQLiteDataSource(cfg);
            ds.setUrl("jdbc:sqlite:" + s.file().toAbsolutePath());
            migrate(ds, "sqlite", s);
            Connection c = ds.getConnection();
            return new ResultStore(s, c, null);
        } catch (IOException | SQLException e) {
            throw new StoreError("results store " + s + ": " + e.getMessage());
        }
    }

    private static ResultStore openPostgres(StoreLocation.Postgres p, int poolSize) throws StoreError {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(p.jdbcUrl());
        if (p.user() != null) {
            cfg.setUsername(p.user());
        }
        if (p.password() != null) {
            cfg.setPassword(p.password());
        }
        cfg.setMaximumPoolSize(Math.max(2, Math.min(poolSize, 16)));
        cfg.setConnectionTimeout(10_000);
        cfg.setPoolName("vmguard-store");
        try {
            HikariDataSource ds = new HikariDataSource(cfg);
            try {
                migrate(ds, "postgresql", p);
            } catch (StoreError e) {
                ds.close();
                throw e;
            }
            return new ResultStore(p, null, ds);
        } catch (RuntimeException e) {
            throw new StoreError("results store " + p + ": " + rootMessage(e));
        }
    }

    private static void migrate(javax.sql.DataSource ds, String vendor, StoreLocation loc) throws StoreError {
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration/" + vendor).load().migrate();
        } catch (FlywayException e) {
            throw new StoreError("results store " + loc + ": schema migration failed: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public StoreLocation location() {
        return location;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T with(Work<T> work) throws StoreError {
        try {
            if (pool != null) {
                try (Connection c = pool.getConnection()) {
                    return work.run(c);
                }
            }
            singleLock.lock();
            try {
                return work.run(single);
            } finally {
                singleLock.unlock();
            }
        } catch (SQLException e) {
            throw new StoreError("results store " + location + ": " + e.getMessage());
        }
    }

    private <T> T transaction(Work<T> work) throws StoreError {
        return with(c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T t = work.run(c);
                c.commit();
                return t;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        });
    }

    /** Identifies an inventory and profile: scans with the same key share an open run. */
    public static String inventoryKey(List<SshAddress> hosts, String profile) {
        TreeSet<String> names = new TreeSet<>();
        hosts.forEach(h -> names.add(h.name()));
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(profile.getBytes(StandardCharsets.UTF_8));
            for (String n : names) {
                d.update((byte) 0);
                d.update(n.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The open run of this inventory, joined, or a new one with every host pending. */
    public long openRun(List<SshAddress> hosts, String profile) throws StoreError {
        String key = inventoryKey(hosts, profile);
        return transaction(c -> {
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO runs (inventory_key, profile, started_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                ins.setString(1, key);
                ins.setString(2, profile);
                ins.setString(3, Instant.now().toString());
                ins.executeUpdate();
            }
            long id;
            try (PreparedStatement q = c.prepareStatement("SELECT id FROM runs WHERE inventory_key = ? AND finished_at IS NULL")) {
                q.setString(1, key);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("the open run vanished");
                    }
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement h = c.prepareStatement(
                    "INSERT INTO run_hosts (run_id, host, address, state) VALUES (?, ?, ?, 'pending') ON CONFLICT DO NOTHING")) {
                for (SshAddress a : hosts) {
                    h.setLong(1, id);
                    h.setString(2, a.name());
                    h.setString(3, (a.user() == null ? "" : a.user() + "@") + a.host() + (a.port() > 0 ? ":" + a.port() : ""));
                    h.addBatch();
                }
                h.executeBatch();
            }
            return id;
        });
    }

    /** --resume: hosts claimed by a scan that never finished them (killed) are pending again. */
    public int requeueClaimed(long run) throws StoreError {
        return with(c -> {
            try (PreparedStatement u = c.prepareStatement(
                    "UPDATE run_hosts SET state = 'pending', claimed_by = NULL, claimed_at = NULL WHERE run_id = ? AND state = 'claimed'")) {
                u.setLong(1, run);
                return u.executeUpdate();
            }
        });
    }

    /** Claims one pending host for this scan; empty when none is left. */
    public Optional<String> claim(long run, String scanner) throws StoreError {
        String lock = postgres ? " FOR UPDATE SKIP LOCKED" : "";
        String sql = "UPDATE run_hosts SET state = 'claimed', claimed_by = ?, claimed_at = ? WHERE run_id = ? AND host = "
                + "(SELECT host FROM run_hosts WHERE run_id = ? AND state = 'pending' ORDER BY host LIMIT 1" + lock + ") "
                + "AND state = 'pending' RETURNING host";
        for (int attempt = 0; attempt < 100; attempt++) {
            Optional<String> got = with(c -> {
                try (PreparedStatement u = c.prepareStatement(sql)) {
                    u.setString(1, scanner);
                    u.setString(2, Instant.now().toString());
                    u.setLong(3, run);
                    u.setLong(4, run);
                    try (ResultSet rs = u.executeQuery()) {
                        return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                    }
                }
            });
            if (got.isPresent() || pending(run) == 0) {
                return got;
            }
            // another scan took the row between our SELECT and UPDATE (SQLite has no SKIP LOCKED): try the next
        }
        return Optional.empty();
    }

    public int pending(long run) throws StoreError {
        return count(run, "state = 'pending'");
    }

    public int unfinished(long run) throws StoreError {
        return count(run, "state <> 'done'");
    }

    private int count(long run, String where) throws StoreError {
        return with(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM run_hosts WHERE run_id = ? AND " + where)) {
                q.setLong(1, run);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Stores one host's outcome: its report and facts, or why it was unreachable. */
    public void save(long run, FleetAudit.HostResult r) throws StoreError {
        transaction(c -> {
            try (PreparedStatement u = c.prepareStatement("UPDATE run_hosts SET state = 'done', audited_at = ?, reachable = ?, "
                    + "reason = ?, report = ?, host_key_type = ?, host_key_fingerprint = ?, unprotected_keys = ?, keys_error = ? "
                    + "WHERE run_id = ? AND host = ?")) {
                u.setString(1, Instant.now().toString());
                u.setBoolean(2, r.reached());
                u.setString(3, r.unreachable());
                u.setString(4, r.reached() ? JsonReport.render(r.report()) : null);
                FleetFacts.Member m = r.member();
                u.setString(5, m == null ? null : m.hostKeyType());
                u.setString(6, m == null ? null : m.hostKeyFingerprint());
                u.setString(7, m == null || m.keys() == null ? null : keysJson(m.keys()));
                u.setString(8, m == null ? null : m.keysError());
                u.setLong(9, run);
                u.setString(10, r.name());
                u.executeUpdate();
            }
            if (r.reached()) {
                insertResults(c, run, r.name(), r.report());
            }
            return null;
        });
    }

    private static void insertResults(Connection c, long run, String host, Report report) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM results WHERE run_id = ? AND host = ?")) {
            d.setLong(1, run);
            d.setString(2, host);
            d.executeUpdate();
        }
        try (PreparedStatement i = c.prepareStatement(
                "INSERT INTO results (run_id, host, check_id, status, severity, reason) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Result res : report.results()) {
                i.setLong(1, run);
                i.setString(2, host);
                i.setString(3, res.id());
                i.setString(4, res.status().label());
                i.setString(5, res.severity().label());
                i.setString(6, res.reason());
                i.addBatch();
            }
            i.executeBatch();
        }
    }

    /** The fleet facts of every reachable host of the run, for the fleet checks. */
    public List<FleetFacts.Member> members(long run) throws StoreError {
        return with(c -> {
            List<FleetFacts.Member> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT host, host_key_type, host_key_fingerprint, unprotected_keys, "
                    + "keys_error FROM run_hosts WHERE run_id = ? AND state = 'done' AND reachable ORDER BY host")) {
                q.setLong(1, run);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        String keys = rs.getString(4);
                        out.add(new FleetFacts.Member(rs.getString(1), rs.getString(2), rs.getString(3),
                                keys == null ? null : keysOf(keys), rs.getString(5)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Closes the run when every host is done, storing the fleet checks' report. Only one scan
     * succeeds; the others see false.
     */
    public boolean finish(long run, Report fleet) throws StoreError {
        return transaction(c -> {
            int n;
            try (PreparedStatement u = c.prepareStatement("UPDATE runs SET finished_at = ?, fleet_report = ? WHERE id = ? "
                    + "AND finished_at IS NULL AND NOT EXISTS (SELECT 1 FROM run_hosts WHERE run_id = ? AND state <> 'done')")) {
                u.setString(1, Instant.now().toString());
                u.setString(2, JsonReport.render(fleet));
                u.setLong(3, run);
                u.setLong(4, run);
                n = u.executeUpdate();
            }
            if (n == 1) {
                insertResults(c, run, RunHistory.FLEET_HOST, fleet);
            }
            return n == 1;
        });
    }

    /** How many times each host was audited in a run: the test of "no host twice". */
    public Map<String, Integer> auditCounts(long run) throws StoreError {
        return with(c -> {
            Map<String, Integer> out = new java.util.TreeMap<>();
            try (PreparedStatement q = c.prepareStatement("SELECT host, claimed_by FROM run_hosts WHERE run_id = ?")) {
                q.setLong(1, run);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.merge(rs.getString(1), 1, Integer::sum);
                    }
                }
            }
            return out;
        });
    }

    public RunHistory history() throws StoreError {
        return with(RunHistory::load);
    }

    static String keysJson(UnprotectedKeys keys) {
        ArrayNode a = JSON.createArrayNode();
        keys.keys().forEach(k -> a.addObject().put("path", k.path()).put("type", k.type()).put("fingerprint", k.fingerprint()));
        ArrayNode p = JSON.createArrayNode();
        keys.problems().forEach(p::add);
        return JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("keys", a).set("problems", p).toString();
    }

    static UnprotectedKeys keysOf(String json) throws SQLException {
        try {
            JsonNode n = JSON.readTree(json);
            List<UnprotectedKeys.KeyFile> keys = new ArrayList<>();
            n.path("keys").forEach(k -> keys.add(new UnprotectedKeys.KeyFile(k.path("path").asText(), k.path("type").asText(),
                    k.path("fingerprint").asText())));
            List<String> problems = new ArrayList<>();
            n.path("problems").forEach(x -> problems.add(x.asText()));
            return new UnprotectedKeys(keys, problems);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored key facts are not JSON: " + e.getOriginalMessage());
        }
    }

    /** Runs arbitrary reads in tests and the report command. */
    <T> T read(Work<T> work) throws StoreError {
        return with(work);
    }

    @Override
    public void close() {
        try {
            if (single != null) {
                single.close();
            }
        } catch (SQLException e) {
            // closing: nothing to save
        }
        if (pool != null) {
            pool.close();
        }
    }
}
