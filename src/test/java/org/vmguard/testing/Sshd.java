package org.vmguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server on 127.0.0.1, started by a test: its own host key, config and port, and
 * ChrootDirectory into a root filesystem fixture, so the remote audit reads exactly the tree a
 * {@code --root} audit reads. The fixture gets a shell and the few coreutils the SSH target runs
 * (hard links to this machine's binaries and their libraries, found with ldd): sshd runs the
 * login shell of the host's root account (/bin/bash) inside the chroot.
 */
public final class Sshd implements AutoCloseable {

    /** What the SSH target runs on a host, plus bash (root's login shell here) and sh. */
    static final List<String> TOOLS = List.of("/usr/bin/bash", "/usr/bin/dash", "/usr/bin/head", "/usr/bin/find",
            "/usr/bin/stat", "/usr/bin/readlink", "/usr/bin/cat", "/usr/bin/printf", "/usr/bin/id", "/usr/bin/sleep");

    private final Path dir;
    private final int port;
    private Process process;

    private Sshd(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Skips (or fails under CI) when sshd is missing or we are not root (ChrootDirectory needs root). */
    public static void requireUsable() {
        Tools.require("/usr/sbin/sshd");
        Tools.require("/usr/bin/ssh-keygen");
        if (!Tools.isRoot()) {
            String msg = "the sshd fixtures chroot, which needs root";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(msg);
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(false, msg);
        }
    }

    /**
     * A fresh directory for chroot fixtures: under the build directory, because sshd refuses a chroot
     * with a group- or world-writable component (such as /tmp) on its path.
     */
    public static Path chrootBase() {
        try {
            Path target = Path.of("target").toAbsolutePath();
            Path base = target.resolve("sshd-fixtures").resolve(UUID.randomUUID().toString());
            Files.createDirectories(base);
            // our own directories may be made safe; anything above the checkout is never touched
            for (Path p = base; p != null && p.startsWith(target); p = p.getParent()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            for (Path p = target.getParent(); p != null; p = p.getParent()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)
                        || !Files.getOwner(p).getName().equals("root")) {
                    String msg = "sshd refuses ChrootDirectory under " + p + " (not root-owned, or group/world-writable): "
                            + "run the tests from a checkout in a root-owned, non-writable directory";
                    if ("true".equals(System.getenv("CI"))) {
                        throw new AssertionError(msg);
                    }
                    org.junit.jupiter.api.Assumptions.assumeTrue(false, msg);
                }
            }
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Links the tools and their libraries into a fixture so sshd can run commands inside it. */
    public static void installTools(Path root) {
        try {
            Set<String> libs = new LinkedHashSet<>();
            for (String t : TOOLS) {
                link(Path.of(t), root.resolve(t.substring(1)));
                libs.addAll(ldd(t));
            }
            for (String l : libs) {
                Path real = Path.of(l).toRealPath();
                // the loader has no ld.so.cache in the chroot: put libraries on its default path
                Path at = l.contains("ld-linux") ? root.resolve(l.substring(1)) : root.resolve("usr/lib").resolve(Path.of(l).getFileName());
                link(real, at);
            }
            symlinkIfAbsent(root.resolve("bin"), "usr/bin");
            symlinkIfAbsent(root.resolve("lib64"), "usr/lib64");
            symlinkIfAbsent(root.resolve("usr/bin/sh"), "dash");
            Path ld = root.resolve("lib64/ld-linux-x86-64.so.2");
            if (!Files.exists(ld)) {
                link(Path.of("/lib64/ld-linux-x86-64.so.2").toRealPath(), root.resolve("usr/lib64/ld-linux-x86-64.so.2"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void symlinkIfAbsent(Path link, String target) throws IOException {
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(target));
        }
    }

    private static void link(Path from, Path to) throws IOException {
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.createDirectories(to.getParent());
        try {
            Files.createLink(to, from);
        } catch (IOException e) {
            Files.copy(from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static List<String> ldd(String binary) throws IOException {
        String out = run(List.of("ldd", binary));
        List<String> libs = new ArrayList<>();
        for (String line : out.split("\n")) {
            for (String word : line.strip().split("\\s+")) {
                if (word.startsWith("/")) {
                    libs.add(word);
                }
            }
        }
        return libs;
    }

    static String run(List<String> argv) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", argv) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return out;
    }

    /** A new ed25519 key pair without a passphrase at {@code file} (and file.pub). */
    public static Path keygen(Path file) {
        return keygen(file, "");
    }

    public static Path keygen(Path file, String passphrase) {
        try {
            run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", "vmguard-test", "-f", file.toString()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts sshd on an ephemeral loopback port.
     *
     * @param dir its own directory: config, log, pid file
     * @param chroot the fixture to serve, or null for the real root
     * @param hostKeys private host keys (their .pub beside them)
     * @param authorizedKeys the file of accepted client keys
     * @param extra more sshd_config lines; "#no-sftp" leaves out the sftp subsystem
     */
    public static Sshd start(Path dir, Path chroot, List<Path> hostKeys, Path authorizedKeys, String extra) {
        try {
            Files.createDirectories(dir);
            Files.createDirectories(Path.of("/run/sshd"));
            for (int attempt = 0; attempt < 5; attempt++) {
                int port = freePort();
                StringBuilder cfg = new StringBuilder();
                cfg.append("ListenAddress 127.0.0.1:").append(port).append('\n');
                for (Path k : hostKeys) {
                    cfg.append("HostKey ").append(k.toAbsolutePath()).append('\n');
                }
                cfg.append("PidFile ").append(dir.toAbsolutePath().resolve("sshd.pid")).append('\n');
                cfg.append("AuthorizedKeysFile ").append(authorizedKeys.toAbsolutePath()).append('\n');
                cfg.append("""
                        StrictModes no
                        PermitRootLogin prohibit-password
                        PasswordAuthentication no
                        KbdInteractiveAuthentication no
                        UsePAM no
                        MaxStartups 200
                        MaxSessions 50
                        LogLevel VERBOSE
                        """);
                if (extra == null || !extra.contains("#no-sftp")) {
                    cfg.append("Subsystem sftp internal-sftp\n"); // works inside a chroot without binaries
                }
                if (chroot != null) {
                    cfg.append("ChrootDirectory ").append(chroot.toAbsolutePath()).append('\n');
                }
                cfg.append(extra == null ? "" : extra);
                Path config = dir.resolve("sshd_config");
                Files.writeString(config, cfg);
                Process p = new ProcessBuilder("/usr/sbin/sshd", "-D", "-f", config.toAbsolutePath().toString(),
                        "-E", dir.toAbsolutePath().resolve("sshd.log").toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.out").toFile()).start();
                if (waitForPort(port, p)) {
                    return new Sshd(dir, port, p);
                }
                p.destroyForcibly();
            }
            throw new IOException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean waitForPort(int port, Process p) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                return false;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    public int port() {
        return port;
    }

    public String address() {
        return "root@127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    /** A known_hosts line for this server's key, as ssh writes it for a non-default port. */
    public static String knownHostsLine(int port, Path hostKey) {
        try {
            String pub = Files.readString(Path.of(hostKey + ".pub")).strip();
            String[] f = pub.split("\\s+");
            return "[127.0.0.1]:" + port + " " + f[0] + " " + f[1] + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the listener and every session it forked. */
    public void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        kill();
    }
}
