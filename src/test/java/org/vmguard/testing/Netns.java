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
        run(List.of("ip", "netns", "del", name));
    }
}
