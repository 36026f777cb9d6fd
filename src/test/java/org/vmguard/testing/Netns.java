package org.vmguard.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace a test creates (named vg-t-NAME-PID) and deletes, so firewall listings and
 * test daemons never touch the build machine's own network. Needs root and iproute2; without
 * them the test is skipped (or fails under CI=true).
 */
public final class Netns implements AutoCloseable {

    private final String name;
    private final List<Process> daemons = new ArrayList<>();

    private Netns(String name) {
        this.name = name;
    }

    public static Netns create(String tag) {
        Tools.require("/usr/sbin/ip", "/sbin/ip");
        if (!Tools.isRoot()) {
            String msg = "network namespaces need root";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(msg);
            }
            assumeTrue(false, msg);
        }
        String n = "vg-t-" + tag + "-" + ProcessHandle.current().pid();
        run(List.of("ip", "netns", "del", n)); // a leftover of a crashed run
        Result r = run(List.of("ip", "netns", "add", n));
        if (r.code != 0) {
            throw new AssertionError("ip netns add " + n + ": " + r.err);
        }
        run(List.of("ip", "-n", n, "link", "set", "lo", "up"));
        return new Netns(n);
    }

    public String name() {
        return name;
    }

    public record Result(int code, String out, String err) {
    }

    /**
     * Gives the namespace addresses beyond loopback (e.g. "10.211.0.1/24", "fd00:211::1/64") on
     * a veth pair whose both ends stay inside it (this kernel has no dummy links). IPv6 addresses
     * skip duplicate address detection so a daemon can bind them at once.
     */
    public void addresses(String... cidrs) {
        String[][] steps = {
            {"ip", "-n", name, "link", "add", "vg0", "type", "veth", "peer", "name", "vg1"},
            {"ip", "-n", name, "link", "set", "vg0", "up"},
            {"ip", "-n", name, "link", "set", "vg1", "up"},
        };
        for (String[] step : steps) {
            Result r = run(List.of(step));
            if (r.code != 0) {
                throw new AssertionError(String.join(" ", step) + ": " + r.err);
            }
        }
        for (String cidr : cidrs) {
            List<String> cmd = new ArrayList<>(List.of("ip", "-n", name, "addr", "add", cidr, "dev", "vg0"));
            if (cidr.contains(":")) {
                cmd.add("nodad");
            }
            Result r = run(cmd);
            if (r.code != 0) {
                throw new AssertionError(String.join(" ", cmd) + ": " + r.err);
            }
        }
    }

    /** Runs a program inside the namespace. */
    public Result exec(String... argv) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(argv));
        return run(cmd);
    }

    /** Starts a daemon inside the namespace, its output to a file; it is killed on close. */
    public Process start(Path log, String... argv) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(argv));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        daemons.add(p);
        return p;
    }

    public static Result run(List<String> cmd) {
        try {
            Path out = Files.createTempFile("vg-ns", ".out");
            Path err = Files.createTempFile("vg-ns", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + cmd);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        for (Process p : daemons) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // daemons that detach from the process we started (postfix's master, apache's workers)
        // are still in the namespace: end them too, else they outlive it
        for (String pid : run(List.of("ip", "netns", "pids", name)).out().split("\\s+")) {
            if (!pid.isEmpty()) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(h -> {
                    h.destroyForcibly();
                    h.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(x -> h).join();
                });
            }
        }
        run(List.of("ip", "netns", "del", name));
    }
}
