package org.vmguard.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.vmguard.core.TargetKind;

/**
 * The only door to a system: this machine, a remote host, or an offline root filesystem. Paths
 * are POSIX paths on the target. Reads are capped at {@link #MAX_READ} bytes so a hostile file
 * cannot exhaust memory.
 */
public interface Target extends AutoCloseable {

    /** Files larger than this are read only up to here. */
    int MAX_READ = 16 * 1024 * 1024;

    TargetKind kind();

    /** A short name for reports: "localhost", "web01", "/mnt/image". */
    String name();

    /**
     * The file's bytes, or empty when it does not exist.
     *
     * @throws IOException when it exists but cannot be read (permission, not a regular file, I/O)
     */
    Optional<byte[]> read(String path) throws IOException;

    /** The file as UTF-8 text (malformed bytes replaced), or empty when it does not exist. */
    default Optional<String> readText(String path) throws IOException {
        return read(path).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** The names in a directory, sorted; empty when it does not exist. */
    List<String> list(String dir) throws IOException;

    /** The file's metadata without following a final symlink; empty when it does not exist. */
    Optional<FileStat> stat(String path) throws IOException;

    /** Where a symlink points, resolved within the target; empty when it is no symlink. */
    Optional<String> readLink(String path) throws IOException;

    /** Can commands run on this target? Never on an offline image. */
    boolean canExec();

    /**
     * Runs a program with these arguments, never through a shell.
     *
     * @throws IOException when it cannot be started, or on a target that cannot exec
     */
    ExecResult exec(List<String> argv, Duration timeout) throws IOException;

    /** True when {@code path} names an existing file or directory. */
    default boolean exists(String path) throws IOException {
        return stat(path).isPresent();
    }

    @Override
    default void close() {
    }
}
