package org.vmguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Several chrooted sshd hosts for fleet tests: host {@code hN} serves its own fixture; one user
 * key, one known_hosts file, and an INI inventory naming them. {@code delay} makes every file
 * read of a host slow (a wrapped head), so scans can be split or killed midway.
 */
public final class SshFleet implements AutoCloseable {

    private final Path work;
    private final List<Sshd> servers = new ArrayList<>();
    private final List<Path> roots = new ArrayList<>();
    private final Path identity;
    private final Path knownHosts;

    private SshFleet(Path work, Path identity, Path knownHosts) {
        this.work = work;
        this.identity = identity;
        this.knownHosts = knownHosts;
    }

    public static SshFleet start(Path work, int n, IntFunction<String> passwd, double delaySeconds) {
        Sshd.requireUsable();
        try {
            Path base = Sshd.chrootBase();
            Files.createDirectories(work);
            Path identity = Sshd.keygen(work.resolve("id_fleet"));
            Path authorized = work.resolve("authorized_keys");
            Files.copy(Path.of(identity + ".pub"), authorized);
            SshFleet f = new SshFleet(work, identity, work.resolve("known_hosts"));
            StringBuilder kh = new StringBuilder();
            for (int i = 0; i < n; i++) {
                Path root = base.resolve("h" + i);
                new Tree(root).file("/etc/passwd", passwd.apply(i))
                        .file("/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n");
                Sshd.installTools(root);
                if (delaySeconds > 0) {
                    Path head = root.resolve("usr/bin/head");
                    Files.delete(head);
                    Files.createLink(root.resolve("usr/bin/head.real"), Path.of("/usr/bin/head"));
                    Files.writeString(head, "#!/bin/sh\nsleep " + delaySeconds + "\nexec /usr/bin/head.real \"$@\"\n");
                    head.toFile().setExecutable(true);
                }
                Path hostKey = Sshd.keygen(work.resolve("host_h" + i));
                // a slow host reads through commands (its head is slow), not over SFTP
                Sshd s = Sshd.start(work.resolve("sshd-h" + i), root, List.of(hostKey), authorized,
                        delaySeconds > 0 ? "#no-sftp\n" : "");
                f.servers.add(s);
                f.roots.add(root);
                kh.append(Sshd.knownHostsLine(s.port(), hostKey));
            }
            Files.writeString(f.knownHosts, kh);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An INI inventory of the hosts with these indexes. */
    public Path inventory(String name, int... hosts) {
        StringBuilder b = new StringBuilder("[fleet]\n");
        for (int i : hosts) {
            b.append("h").append(i).append(" ansible_host=127.0.0.1 ansible_port=").append(servers.get(i).port()).append('\n');
        }
        b.append("[fleet:vars]\nansible_user=root\n");
        try {
            Path p = work.resolve(name);
            Files.writeString(p, b);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root(int i) {
        return roots.get(i);
    }

    public Path identity() {
        return identity;
    }

    public Path knownHosts() {
        return knownHosts;
    }

    public int size() {
        return servers.size();
    }

    /** How many SSH logins host i accepted: one per audit. */
    public int logins(int i) {
        try {
            Path log = servers.get(i).dir().resolve("sshd.log");
            return Files.exists(log) ? (int) Files.readString(log).lines().filter(l -> l.contains("Accepted publickey")).count() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The options every scan of this fleet needs. */
    public List<String> sshOptions() {
        return List.of("--identity", identity.toString(), "--known-hosts", knownHosts.toString());
    }

    @Override
    public void close() {
        servers.forEach(Sshd::close);
    }
}
