package org.vmguard.logs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a realistic, seeded auth.log: thousands of attacking IPv4 and IPv6 addresses (clustered
 * in networks), invalid users, password guessing against real accounts, scanners, legitimate key
 * and password logins, a few attackers who get in, PAM and other programs' lines, concurrent
 * connections interleaved as sshd writes them, pids that wrap and are reused, sshd and
 * sshd-session (OpenSSH 9.8+) program names, and both stamp styles: traditional syslog for the
 * first half (crossing New Year, so the year must be inferred), RFC 3339 for the second. The
 * file's mtime is set to its last entry. Stamps are UTC: read it with --timezone UTC.
 *
 * <p>{@code java -cp target/classes:target/test-classes org.vmguard.logs.AuthLogGenerator OUT LINES [SEED]}
 */
public final class AuthLogGenerator {

    static final String HOST = "web01";
    static final Instant START = Instant.parse("2025-12-31T20:00:00Z");

    private static final String[] INVALID = {"admin", "test", "user", "oracle", "postgres", "ubuntu", "guest",
        "ftpuser", "git", "deploy", "pi", "support", "nagios", "hadoop", "mysql", "jenkins", "tomcat", "www",
        "administrator", "dev", "minecraft", "steam", "debian", "centos", "vagrant", "ansible", "es", "solr"};
    private static final String[] ACCOUNTS = {"root", "alice", "bob", "backup", "www-data"};
    private static final String[] LEGIT = {"alice", "bob", "carol"};
    private static final DateTimeFormatter TRADITIONAL = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx", Locale.ROOT);

    private final Random rnd;
    private final long total;
    private final List<String> v4 = new ArrayList<>();
    private final List<String> v6 = new ArrayList<>();
    private final List<String> legitAddresses = new ArrayList<>();
    private long written;
    private long micros;
    private int nextPid = 30_000;

    private AuthLogGenerator(long lines, long seed) {
        this.rnd = new Random(seed);
        this.total = lines;
        this.micros = START.getEpochSecond() * 1_000_000;
        int nets4 = 300;
        for (int n = 0; n < nets4; n++) {
            int a = 1 + rnd.nextInt(222);
            int b = rnd.nextInt(256);
            int c = rnd.nextInt(256);
            int hosts = 1 + rnd.nextInt(20);
            for (int h = 0; h < hosts; h++) {
                v4.add(a + "." + b + "." + c + "." + (1 + rnd.nextInt(254)));
            }
        }
        for (int n = 0; n < 80; n++) {
            String net = String.format("2001:db8:%x", rnd.nextInt(0x10000));
            int hosts = 1 + rnd.nextInt(15);
            for (int h = 0; h < hosts; h++) {
                v6.add(net + ":" + Integer.toHexString(rnd.nextInt(0x10000)) + "::" + Integer.toHexString(1 + rnd.nextInt(0xfff)));
            }
        }
        legitAddresses.add("192.0.2.10");
        legitAddresses.add("192.0.2.11");
        legitAddresses.add("198.51.100.7");
        legitAddresses.add("2001:db8:aaaa:1::10");
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: AuthLogGenerator OUT LINES [SEED]");
            System.exit(2);
        }
        write(Path.of(args[0]), Long.parseLong(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 1);
    }

    /** Writes about {@code lines} lines (exactly that many) and sets the file's mtime to the last entry. */
    public static void write(Path out, long lines, long seed) throws IOException {
        AuthLogGenerator g = new AuthLogGenerator(lines, seed);
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            g.run(w);
        }
        Files.setLastModifiedTime(out, FileTime.from(Instant.ofEpochSecond(g.micros / 1_000_000 + 1)));
    }

    /** One connection: the lines it will write, in order. */
    private record Connection(int pid, boolean session, List<String> lines) {
    }

    private void run(Writer w) throws IOException {
        List<Connection> active = new ArrayList<>();
        StringBuilder sb = new StringBuilder(256);
        while (written < total) {
            while (active.size() < 12) {
                active.add(connection());
            }
            if (rnd.nextInt(40) == 0) {
                other(w, sb);
                continue;
            }
            int i = rnd.nextInt(active.size());
            Connection c = active.get(i);
            String msg = c.lines().removeFirst();
            line(w, sb, c.session() ? "sshd-session" : "sshd", c.pid(), msg);
            if (c.lines().isEmpty()) {
                active.remove(i);
            }
        }
    }

    private void line(Writer w, StringBuilder sb, String program, int pid, String msg) throws IOException {
        micros += rnd.nextInt(2_500_000);
        sb.setLength(0);
        ZonedDateTime t = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000).atZone(ZoneOffset.UTC);
        sb.append(written * 2 < total ? TRADITIONAL.format(t) : RFC3339.format(t));
        sb.append(' ').append(HOST).append(' ').append(program);
        if (pid > 0) {
            sb.append('[').append(pid).append(']');
        }
        sb.append(": ").append(msg).append('\n');
        w.write(sb.toString());
        written++;
    }

    private void other(Writer w, StringBuilder sb) throws IOException {
        switch (rnd.nextInt(4)) {
            case 0 -> line(w, sb, "CRON", pid(), "pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)");
            case 1 -> line(w, sb, "systemd-logind", 512, "New session " + rnd.nextInt(9999) + " of user alice.");
            case 2 -> line(w, sb, "sudo", 0, "   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/apt update");
            default -> line(w, sb, "sshd", 700, "Server listening on 0.0.0.0 port 22.");
        }
    }

    private int pid() {
        // pids grow and wrap as the kernel's do, so connections reuse old pids
        nextPid += 1 + rnd.nextInt(40);
        if (nextPid > 99_999) {
            nextPid = 300 + rnd.nextInt(100);
        }
        return nextPid;
    }

    private String attacker() {
        if (rnd.nextInt(5) == 0) {
            return v6.get(rnd.nextInt(v6.size()));
        }
        // a few addresses do most of the work, as in real logs
        int n = v4.size();
        int i = rnd.nextInt(4) == 0 ? rnd.nextInt(Math.max(1, n / 50)) : rnd.nextInt(n);
        return v4.get(i);
    }

    private String invalidName() {
        return rnd.nextInt(4) == 0 ? INVALID[rnd.nextInt(INVALID.length)] + rnd.nextInt(100) : INVALID[rnd.nextInt(INVALID.length)];
    }

    private Connection connection() {
        int pid = pid();
        boolean session = rnd.nextInt(10) < 3;
        int port = 1024 + rnd.nextInt(64_000);
        List<String> l = new ArrayList<>();
        int kind = rnd.nextInt(100);
        String a = attacker();
        String at = a + " port " + port;
        if (kind < 35) {
            // invalid user, password guesses
            String u = invalidName();
            l.add("Invalid user " + u + " from " + at);
            l.add("pam_unix(sshd:auth): check pass; user unknown");
            l.add("pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=" + a);
            int tries = 1 + rnd.nextInt(6);
            for (int i = 0; i < tries; i++) {
                l.add("Failed password for invalid user " + u + " from " + at + " ssh2");
            }
            if (tries == 6) {
                l.add("error: maximum authentication attempts exceeded for invalid user " + u + " from " + at + " ssh2 [preauth]");
                l.add("Disconnecting invalid user " + u + " " + at + ": Too many authentication failures [preauth]");
            } else if (rnd.nextBoolean()) {
                l.add("Connection closed by invalid user " + u + " " + at + " [preauth]");
            } else {
                l.add("Received disconnect from " + at + ":11: Bye Bye [preauth]");
                l.add("Disconnected from invalid user " + u + " " + at + " [preauth]");
            }
        } else if (kind < 60) {
            // password guesses against real accounts
            String u = ACCOUNTS[rnd.nextInt(ACCOUNTS.length)];
            l.add("pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=" + a + "  user=" + u);
            int tries = 1 + rnd.nextInt(6);
            for (int i = 0; i < tries; i++) {
                l.add("Failed password for " + u + " from " + at + " ssh2");
            }
            if (tries == 6) {
                l.add("error: maximum authentication attempts exceeded for " + u + " from " + at + " ssh2 [preauth]");
                l.add("Disconnecting authenticating user " + u + " " + at + ": Too many authentication failures [preauth]");
                l.add("PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=" + a + "  user=" + u);
            } else if (rnd.nextInt(3) == 0) {
                l.add("Connection reset by authenticating user " + u + " " + at + " [preauth]");
            } else {
                l.add("Connection closed by authenticating user " + u + " " + at + " [preauth]");
            }
        } else if (kind < 75) {
            // scanners that never authenticate
            switch (rnd.nextInt(4)) {
                case 0 -> l.add("Connection closed by " + at + " [preauth]");
                case 1 -> {
                    l.add("Received disconnect from " + at + ":11: Bye Bye [preauth]");
                    l.add("Disconnected from " + at + " [preauth]");
                }
                case 2 -> l.add("Connection reset by " + at + " [preauth]");
                default -> l.add("Unable to negotiate with " + at + ": no matching host key type found. Their offer: ssh-rsa,ssh-dss [preauth]");
            }
        } else if (kind < 80) {
            // keys for accounts that do not exist, "none" probes, an old-style disconnect
            String u = invalidName();
            switch (rnd.nextInt(4)) {
                case 0 -> {
                    l.add("Invalid user " + u + " from " + at);
                    l.add("Failed publickey for invalid user " + u + " from " + at + " ssh2: RSA SHA256:"
                            + Long.toHexString(rnd.nextLong()));
                    l.add("Connection closed by invalid user " + u + " " + at + " [preauth]");
                }
                case 1 -> {
                    l.add("Invalid user " + u + " from " + at);
                    l.add("Failed none for invalid user " + u + " from " + at + " ssh2");
                    l.add("Connection closed by invalid user " + u + " " + at + " [preauth]");
                }
                case 2 -> {
                    l.add("Failed password for root from " + at + " ssh2");
                    l.add("Disconnecting: Too many authentication failures [preauth]");
                }
                default -> {
                    l.add("User " + u + " from " + a + " not allowed because not listed in AllowUsers");
                    l.add("Connection closed by " + at + " [preauth]");
                }
            }
        } else if (kind < 97) {
            // legitimate logins from the owners' addresses
            String u = LEGIT[rnd.nextInt(LEGIT.length)];
            String la = legitAddresses.get(rnd.nextInt(legitAddresses.size()));
            String lat = la + " port " + port;
            int how = rnd.nextInt(10);
            if (how < 7) {
                if (rnd.nextInt(3) == 0) {
                    l.add("Failed publickey for " + u + " from " + lat + " ssh2: ED25519 SHA256:" + Long.toHexString(rnd.nextLong()));
                }
                l.add("Accepted publickey for " + u + " from " + lat + " ssh2: ED25519 SHA256:" + Long.toHexString(u.hashCode()));
            } else if (how < 9) {
                l.add("Accepted password for " + u + " from " + lat + " ssh2");
            } else {
                l.add("Accepted keyboard-interactive/pam for " + u + " from " + lat + " ssh2");
            }
            l.add("pam_unix(sshd:session): session opened for user " + u + "(uid=1000) by (uid=0)");
            l.add("Received disconnect from " + lat + ":11: disconnected by user");
            l.add("Disconnected from user " + u + " " + lat);
            l.add("pam_unix(sshd:session): session closed for user " + u);
        } else {
            // an attacker who gets in after guessing
            String u = rnd.nextBoolean() ? "root" : "backup";
            int tries = 1 + rnd.nextInt(3);
            for (int i = 0; i < tries; i++) {
                l.add("Failed password for " + u + " from " + at + " ssh2");
            }
            l.add("Accepted password for " + u + " from " + at + " ssh2");
            l.add("pam_unix(sshd:session): session opened for user " + u + "(uid=0) by (uid=0)");
            l.add("Received disconnect from " + at + ":11: disconnected by user");
            l.add("Disconnected from user " + u + " " + at);
        }
        return new Connection(pid, session, l);
    }
}
