package org.vmguard.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.cli.Main;
import org.vmguard.testing.Postgres;
import org.vmguard.testing.SshFleet;

/** fleet scan and fleet report with SQLite and a real PostgreSQL, split scans, SIGKILL and --resume. */
@Tag("slow")
class FleetStoreTest {

    static final String PG_PASSWORD = "pg-SECRET-91c2";
    static final String CLEAN = "root:x:0:0:root:/root:/bin/bash\n";
    static final String UID0 = CLEAN + "toor:x:0:0::/root:/bin/sh\n";

    @TempDir
    static Path work;

    static SshFleet fleet;
    static SshFleet slow;

    @BeforeAll
    static void start() {
        fleet = SshFleet.start(work.resolve("fast"), 5, i -> i == 2 ? UID0 : CLEAN, 0);
        slow = SshFleet.start(work.resolve("slow"), 8, i -> CLEAN, 0.15);
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (slow != null) {
            slow.close();
        }
    }

    static int scan(SshFleet f, Path inventory, String db, String... more) {
        List<String> args = new ArrayList<>(List.of("fleet", "scan", "--inventory", inventory.toString(), "--db", db,
                "--output", work.resolve("scan-" + System.nanoTime() + ".txt").toString()));
        args.addAll(f.sshOptions());
        args.addAll(List.of(more));
        return Main.run(args.toArray(String[]::new));
    }

    static JsonNode report(String db) throws IOException {
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("fleet", "report", "--db", db, "--format", "json")).isZero();
        } finally {
            System.setOut(out);
        }
        return new ObjectMapper().readTree(buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theReportShowsNewFailuresFixesNewAndGoneHostsAndTheTrend() throws Exception {
        Path db = work.resolve("data/fleet.db");
        Path inv1 = fleet.inventory("inv1.ini", 0, 1, 2, 3);
        Files.writeString(inv1, Files.readString(inv1).replace("[fleet:vars]", "down ansible_host=127.0.0.1 ansible_port=1\n[fleet:vars]"));
        assertThat(scan(fleet, inv1, db.toString())).isEqualTo(3); // down refuses; h2 has toor
        assertThat(Files.exists(db)).isTrue();
        // between the runs: h1 gains a UID 0 account, h2 loses it, h0 leaves and h4 joins
        Files.writeString(fleet.root(1).resolve("etc/passwd"), UID0);
        Files.writeString(fleet.root(2).resolve("etc/passwd"), CLEAN);
        try {
            assertThat(scan(fleet, fleet.inventory("inv2.ini", 1, 2, 3, 4), db.toString())).isEqualTo(1);
        } finally {
            Files.writeString(fleet.root(1).resolve("etc/passwd"), CLEAN);
            Files.writeString(fleet.root(2).resolve("etc/passwd"), UID0);
        }
        JsonNode r = report(db.toString());
        assertThat(r.path("schema").asText()).isEqualTo("vmguard-fleet-history/1");
        JsonNode ch = r.path("changes");
        assertThat(ch.path("newFailures").toString()).contains("\"host\":\"h1\",\"check\":\"account.uid0\"");
        assertThat(ch.path("fixed").toString()).contains("\"host\":\"h2\",\"check\":\"account.uid0\"");
        assertThat(ch.path("newHosts").toString()).isEqualTo("[\"h4\"]");
        assertThat(ch.path("goneHosts").toString()).isEqualTo("[\"down\",\"h0\"]");
        assertThat(r.path("previous").path("unreachable").get(0).path("target").asText()).isEqualTo("down");
        assertThat(r.path("previous").path("unreachable").get(0).path("reason").asText()).contains("connection refused");
        assertThat(r.path("previous").path("finishedAt").isNull()).isFalse(); // a refused host still completes the run
        assertThat(r.path("trend")).hasSize(2);
        assertThat(r.path("trend").get(0).path("failures").path("critical").asInt()).isEqualTo(1);
        assertThat(r.path("latest").path("hosts")).hasSize(4);
    }

    @Test
    void twoScansSharingPostgresSplitTheInventoryWithNoHostAuditedTwice() throws Exception {
        try (Postgres pg = Postgres.start(PG_PASSWORD)) {
            String url = pg.url("vmguard");
            Path inv = slow.inventory("split.ini", 0, 1, 2, 3, 4, 5, 6, 7);
            int[] before = new int[slow.size()];
            for (int i = 0; i < slow.size(); i++) {
                before[i] = slow.logins(i);
            }
            Process a = child(url, inv, "--parallel", "2");
            Process b = child(url, inv, "--parallel", "2");
            String outA = new String(a.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String outB = new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(a.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(b.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(a.exitValue()).as(outA).isZero();
            assertThat(b.exitValue()).as(outB).isZero();
            for (int i = 0; i < slow.size(); i++) {
                assertThat(slow.logins(i) - before[i]).as("logins of h" + i).isEqualTo(1);
            }
            Set<String> scanners = new HashSet<>();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/vmguard", "vmguard", PG_PASSWORD);
                    ResultSet rs = c.createStatement().executeQuery("SELECT claimed_by, state FROM run_hosts")) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    scanners.add(rs.getString(1));
                    assertThat(rs.getString(2)).isEqualTo("done");
                }
                assertThat(rows).isEqualTo(8);
            }
            assertThat(scanners).as("both scans took hosts").hasSize(2);
            assertThat(outA + outB).doesNotContain(PG_PASSWORD);
            assertThat(pg.dump("vmguard")).contains("run_hosts").doesNotContain(PG_PASSWORD);
        }
    }

    @Test
    void aScanKilledWithSigkillIsCompletedByResumeAuditingOnlyWhatWasMissing() throws Exception {
        Path db = work.resolve("killed.db");
        Path inv = slow.inventory("kill.ini", 0, 1, 2, 3, 4, 5);
        int[] before = new int[6];
        for (int i = 0; i < 6; i++) {
            before[i] = slow.logins(i);
        }
        Process p = child(db.toString(), inv, "--parallel", "1");
        Set<String> doneBeforeKill = new HashSet<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end && doneBeforeKill.size() < 2) {
            Thread.sleep(100);
            doneBeforeKill = doneHosts(db);
        }
        p.destroyForcibly(); // SIGKILL
        p.waitFor(10, TimeUnit.SECONDS);
        doneBeforeKill = doneHosts(db);
        assertThat(doneBeforeKill).hasSizeBetween(2, 5);
        int[] atKill = new int[6];
        for (int i = 0; i < 6; i++) {
            atKill[i] = slow.logins(i);
        }
        // --fail-on none: this test is about what --resume audits, not about the hosts' findings
        assertThat(scan(slow, inv, db.toString(), "--resume", "--fail-on", "none")).isZero();
        assertThat(doneHosts(db)).hasSize(6);
        for (int i = 0; i < 6; i++) {
            if (doneBeforeKill.contains("h" + i)) {
                assertThat(slow.logins(i)).as("h" + i + " was done before the kill").isEqualTo(atKill[i]);
            } else {
                assertThat(slow.logins(i) - atKill[i]).as("h" + i + " was missing").isEqualTo(1);
            }
            assertThat(slow.logins(i) - before[i]).isBetween(1, 2);
        }
        assertThat(report(db.toString()).path("latest").path("finishedAt").isNull()).isFalse();
    }

    static Set<String> doneHosts(Path db) throws SQLException {
        Set<String> out = new HashSet<>();
        if (!Files.exists(db)) {
            return out;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet rs = c.createStatement().executeQuery("SELECT host FROM run_hosts WHERE state = 'done'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            if (!e.getMessage().contains("no such table")) {
                throw e;
            }
        }
        return out;
    }

    /** vmguard fleet scan in its own JVM: a second machine, or a process we can SIGKILL. */
    static Process child(String db, Path inventory, String... more) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "org.vmguard.cli.Main", "fleet", "scan", "--inventory",
                inventory.toString(), "--db", db, "--fail-on", "none"));
        cmd.addAll(slow.sshOptions());
        cmd.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", PG_PASSWORD);
        return pb.start();
    }
}
