package org.vmguard.facts;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private final Target target;
    private final Supplier<Instant> clock;
    private final Map<FactKey<?>, Object> cache = new HashMap<>();

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
     * The fact, loaded on first use.
     *
     * @throws FactException when it could not be gathered (the same one on every call)
     */
    public synchronized <T> T fact(FactKey<T> key) {
        Object v = cache.get(key);
        if (v == null) {
            try {
                v = key.loader().load(this);
                if (v == null) {
                    throw new FactException(key.name() + ": no value");
                }
            } catch (FactException e) {
                v = new Failure(e);
            } catch (IOException e) {
                v = new Failure(new FactException(describe(e)));
            }
            cache.put(key, v);
        }
        if (v instanceof Failure f) {
            throw f.error();
        }
        @SuppressWarnings("unchecked")
        T t = (T) v;
        return t;
    }

    /** The file's text, empty when it does not exist; an unreadable file is a FactException. */
    public Optional<String> text(String path) {
        try {
            return target.readText(path);
        } catch (IOException e) {
            throw new FactException(describe(path, e));
        }
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
