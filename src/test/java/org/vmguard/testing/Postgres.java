package org.vmguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL server (Debian's package) on 127.0.0.1, in a temporary directory, run as the
 * postgres user (the server refuses root), with password authentication. Stopped and deleted by
 * {@link #close()}.
 */
public final class Postgres implements AutoCloseable {

    public static final String BIN = "/usr/lib/postgresql/15/bin";

    private final Path dir;
    private final int port;
    private final String password;

    private Postgres(Path dir, int port, String password) {
        this.dir = dir;
        this.port = port;
        this.password = password;
    }

    public static Postgres start(String password) {
        Tools.require(BIN + "/initdb");
        Tools.require("/usr/sbin/runuser");
        if (!Tools.isRoot()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "starting PostgreSQL as the postgres user needs root");
        }
        try {
            Path dir = Files.createTempDirectory("vmguard-pg");
            Files.writeString(dir.resolve("pw"), password + "\n");
            Sshd.run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
            asPostgres(BIN + "/initdb", "-D", dir.resolve("data").toString(), "-U", "vmguard", "--auth=scram-sha-256",
                    "--pwfile=" + dir.resolve("pw"), "--no-sync", "-E", "UTF8");
            Files.delete(dir.resolve("pw"));
            for (int attempt = 0; attempt < 5; attempt++) {
                int port = Sshd.freePort();
                try {
                    asPostgres(BIN + "/pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
                            "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir + " -c fsync=off -c max_connections=200",
                            "-w", "-t", "30", "start");
                    Postgres pg = new Postgres(dir, port, password);
                    pg.createDatabase("vmguard");
                    return pg;
                } catch (IOException e) {
                    if (attempt == 4) {
                        throw e;
                    }
                }
            }
            throw new IOException("PostgreSQL did not start");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String asPostgres(String... argv) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", "postgres", "--"));
        cmd.addAll(List.of(argv));
        return Sshd.run(cmd);
    }

    public void createDatabase(String name) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/usr/sbin/runuser", "-u", "postgres", "--", BIN + "/createdb", "-h",
                "127.0.0.1", "-p", String.valueOf(port), "-U", "vmguard", name).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", password);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException("createdb " + name + ": " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** postgresql://vmguard@127.0.0.1:PORT/DB (the password comes from PGPASSWORD). */
    public String url(String database) {
        return "postgresql://vmguard@127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** Everything in a database, as pg_dump prints it. */
    public String dump(String database) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(BIN + "/pg_dump", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U",
                "vmguard", database).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", password);
        Process p = pb.start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            asPostgres(BIN + "/pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } catch (IOException e) {
            // already gone
        }
        try {
            Sshd.run(List.of("rm", "-rf", dir.toString()));
        } catch (IOException e) {
            // a temporary directory: the OS cleans it eventually
        }
    }
}
