package org.vmguard.target;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.vmguard.core.TargetKind;

/** This machine: files read from "/", commands run directly (never through a shell). */
public final class LocalTarget extends RootfsTarget {

    /** Output beyond this many bytes per stream is dropped and flagged. */
    public static final int MAX_OUTPUT = 4 * 1024 * 1024;

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

    private final boolean pipes;

    public LocalTarget() {
        this(false);
    }

    private LocalTarget(boolean pipes) {
        super(Path.of("/"), hostName());
        this.pipes = pipes;
    }

    /**
     * This machine, where a pipe its user names is read as cat would read it: {@code vmguard logs
     * <(zcat old.gz)}, {@code … | vmguard logs /dev/stdin}, a FIFO. The plain LocalTarget refuses
     * every file that is not regular, which is right for an audit (a FIFO planted under /etc would
     * hang it); character devices (/dev/tty, /dev/zero) stay refused here too.
     */
    public static LocalTarget readingPipes() {
        return new LocalTarget(true);
    }

    /** Whether {@code path}, links followed, is a pipe (a FIFO, /dev/stdin on a pipe, /dev/fd/N). */
    public boolean isPipe(String path) {
        if (path.indexOf('\0') >= 0) {
            return false;
        }
        try {
            return ((Integer) Files.getAttribute(Path.of(path), "unix:mode") & S_IFMT) == S_IFIFO;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Optional<InputStream> open(String path) throws IOException {
        if (pipes && isPipe(path)) {
            return Optional.of(Files.newInputStream(Path.of(path)));
        }
        return super.open(path);
    }

    /**
     * The kernel's host name, as gethostname(2) gives it. Not InetAddress.getLocalHost(): that
     * also resolves the name (a DNS query where /etc/hosts lacks it) and cost ~20 ms at start-up.
     */
    public static String hostName() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // no procfs: fall through
        }
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "localhost" : env.strip();
    }

    @Override
    public TargetKind kind() {
        return TargetKind.LOCAL;
    }

    /**
     * On this machine the kernel's own path resolution is the right one (there is no image root
     * to stay inside), and it costs one system call instead of one per path component.
     */
    @Override
    Optional<Path> resolve(String path, boolean followLast) {
        if (path.indexOf('\0') >= 0) {
            return Optional.empty(); // no file has a NUL in its name; Path.of would throw
        }
        Path p = Path.of(path.isEmpty() ? "/" : path);
        boolean exists = followLast ? Files.exists(p) : Files.exists(p, LinkOption.NOFOLLOW_LINKS);
        return exists ? Optional.of(p) : Optional.empty();
    }

    @Override
    public boolean canExec() {
        return true;
    }

    @Override
    public ExecResult exec(List<String> argv, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("LC_ALL", "C");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        CompletableFuture<byte[][]> out = CompletableFuture.supplyAsync(() -> capped(p.getInputStream()));
        CompletableFuture<byte[][]> err = CompletableFuture.supplyAsync(() -> capped(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(argv.getFirst() + " did not finish within " + timeout.toSeconds() + " s");
            }
            byte[][] o = out.join();
            byte[][] e = err.join();
            return new ExecResult(p.exitValue(), new String(o[0], StandardCharsets.UTF_8),
                    new String(e[0], StandardCharsets.UTF_8), o[1].length > 0 || e[1].length > 0);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + argv.getFirst());
        }
    }

    /** Reads at most MAX_OUTPUT bytes, drains the rest; [1] is non-empty when truncated. */
    private static byte[][] capped(InputStream in) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            boolean truncated = false;
            int n;
            while ((n = in.read(chunk)) >= 0) {
                int room = MAX_OUTPUT - buf.size();
                if (room > 0) {
                    buf.write(chunk, 0, Math.min(n, room));
                }
                if (n > room) {
                    truncated = true;
                }
            }
            return new byte[][] {buf.toByteArray(), truncated ? new byte[1] : new byte[0]};
        } catch (IOException e) {
            return new byte[][] {new byte[0], new byte[0]};
        }
    }
}
