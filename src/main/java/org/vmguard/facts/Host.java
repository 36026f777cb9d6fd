package org.vmguard.facts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import org.vmguard.core.TargetKind;
import org.vmguard.target.ExecResult;
import org.vmguard.target.FileStat;
import org.vmguard.target.Target;

/**
 * The facts of one host, gathered lazily through its {@link Target} and memoised, failures
 * included: every check that needs /etc/shadow sees the same value or the same reason.
 */
public final class Host {

    private static final boolean TRACE = System.getenv("VMGUARD_TRACE_FACTS") != null;

    private final Target target;
    private final Supplier<Instant> clock;
    private final ConcurrentMap<FactKey<?>, FutureTask<Object>> cache = new ConcurrentHashMap<>();

    public Host(Target target) {
        this(target, Instant::now);
    }

    /** @param clock "now", fixed in tests so golden reports do not age */
    public Host(Target target, Supplier<Instant> clock) {
        this.target = target;
        this.clock = clock;
    }

    public Target target() {
        return target;
    }

    public TargetKind kind() {
        return target.kind();
    }

    public Instant now() {
        return clock.get();
    }

    private record Failure(FactException error) {
    }

    /**
     * The fact, loaded on first use. Thread-safe: checks may run concurrently; each fact is
     * loaded once, by the first thread that asks, while the others wait for it (facts that need
     * other facts load them the same way; facts never need each other in a cycle).
     *
     * @throws FactException when it could not be gathered (the same one on every call)
     */
    public <T> T fact(FactKey<T> key) {
        FutureTask<Object> task = cache.get(key);
        if (task == null) {
            FutureTask<Object> mine = new FutureTask<>(() -> load(key));
            task = cache.putIfAbsent(key, mine);
            if (task == null) {
                task = mine;
                mine.run();
            }
        }
        Object v;
        try {
            v = task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FactException(key.name() + ": interrupted");
        } catch (ExecutionException e) {
            throw new FactException(key.name() + ": " + e.getCause());
        }
        if (v instanceof Failure f) {
            throw f.error();
        }
        @SuppressWarnings("unchecked")
        T t = (T) v;
        return t;
    }

    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private Object load(FactKey<?> key) {
        long t0 = System.nanoTime();
        long c0 = TRACE ? cpuNanos() : 0;
        try {
            Object v = key.loader().load(this);
            if (TRACE) {
                // CPU time includes the facts this one loaded first (they print their own line)
                System.err.printf("fact %-24s %6.1f ms wall %6.1f ms cpu %s%n", key.name(), (System.nanoTime() - t0) / 1e6,
                        (cpuNanos() - c0) / 1e6, Thread.currentThread().getName());
            }
            if (v == null) {
                throw new FactException(key.name() + ": no value");
            }
            return v;
        } catch (FactException e) {
            return new Failure(e);
        } catch (IOException e) {
            return new Failure(new FactException(describe(e)));
        } catch (RuntimeException | StackOverflowError e) {
            // a loader's bug stays that fact's failure; the runner reports it as an error
            return new Failure(new FactException("internal error while reading " + key.name() + ": " + e));
        }
    }

    /**
     * The file's text, empty when it does not exist; an unreadable file is a FactException, and so
     * is one the target's read cap cut short (judging its first 16 MiB would miss what follows).
     */
    public Optional<String> text(String path) {
        Optional<byte[]> bytes;
        try {
            bytes = target.read(path);
        } catch (IOException e) {
            throw new FactException(describe(path, e));
        }
        if (bytes.isPresent() && bytes.get().length >= Target.MAX_READ) {
            throw new FactException(path + ": " + (Target.MAX_READ >> 20) + " MiB or larger, too large to read in full");
        }
        return bytes.map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** The names in a directory, empty when it does not exist. */
    public List<String> list(String dir) {
        try {
            return target.list(dir);
        } catch (IOException e) {
            throw new FactException(describe(dir, e));
        }
    }

    public Optional<FileStat> stat(String path) {
        try {
            return target.stat(path);
        } catch (IOException e) {
            throw new FactException(describe(path, e));
        }
    }

    public Optional<String> readLink(String path) {
        try {
            return target.readLink(path);
        } catch (IOException e) {
            throw new FactException(describe(path, e));
        }
    }

    /** Runs a command on a live target; empty when the target cannot run commands. */
    public Optional<ExecResult> exec(Duration timeout, String... argv) {
        if (!target.canExec()) {
            return Optional.empty();
        }
        try {
            return Optional.of(target.exec(List.of(argv), timeout));
        } catch (IOException e) {
            throw new FactException("cannot run " + String.join(" ", argv) + ": " + describe(e));
        }
    }

    /** "/etc/shadow: permission denied" from any IOException. */
    public static String describe(String path, IOException e) {
        String why = describe(e);
        return why.startsWith(path) ? why : "cannot read " + path + ": " + why;
    }

    public static String describe(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fse) {
            String reason = fse.getReason() == null ? e.getClass().getSimpleName() : fse.getReason();
            if (e instanceof java.nio.file.AccessDeniedException && fse.getReason() == null) {
                reason = "permission denied";
            }
            return fse.getFile() == null ? reason : fse.getFile() + ": " + reason;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
