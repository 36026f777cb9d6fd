package org.vmguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.vmguard.core.TargetKind;
import org.vmguard.facts.Host;
import org.vmguard.target.RootfsTarget;

/**
 * A small root filesystem built in a test's temporary directory: files from text blocks, modes,
 * symlinks. {@code host()} opens it as an offline image; {@code liveHost()} pretends it is a
 * running host whose commands are unavailable, for checks that only need files.
 */
public final class Tree {

    public static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    private final Path root;

    public Tree(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Tree file(String path, String text) {
        return bytes(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public Tree bytes(String path, byte[] content) {
        try {
            Path p = at(path);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param mode "rw-r-----" style */
    public Tree mode(String path, String mode) {
        try {
            Files.setPosixFilePermissions(at(path), PosixFilePermissions.fromString(mode));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Tree dir(String path) {
        try {
            Files.createDirectories(at(path));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Tree symlink(String path, String target) {
        try {
            Path p = at(path);
            Files.createDirectories(p.getParent());
            Files.createSymbolicLink(p, Path.of(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Tree mtime(String path, Instant when) {
        try {
            Files.setLastModifiedTime(at(path), java.nio.file.attribute.FileTime.from(when));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path at(String path) {
        return root.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public Host host() {
        return new Host(new RootfsTarget(root), () -> NOW);
    }

    /** The tree as a running host that cannot run commands: /proc in the tree is its /proc. */
    public Host liveHost() {
        return new Host(new RootfsTarget(root, "live-fixture") {
            @Override
            public TargetKind kind() {
                return TargetKind.LOCAL;
            }
        }, () -> NOW);
    }

    /** Copies a directory of src/test/resources (a package's pristine files) into the tree. */
    public Tree resources(String dir) {
        try {
            Path from = Path.of("src/test/resources", dir);
            try (var walk = Files.walk(from)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    Path to = root.resolve(from.relativize(p).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(p, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
