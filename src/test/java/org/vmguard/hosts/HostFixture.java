package org.vmguard.hosts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A realistic host of {@code src/test/resources/hosts/<name>/}: its {@code root/} copied into a
 * directory with the {@code modes} file applied (modes, owners, symlinks, file times), since
 * git keeps none of them. Owners are applied only when the JVM runs as root.
 */
public record HostFixture(String name) {

    public static final Path DIR = Path.of("src/test/resources/hosts");

    /** Every file without an {@code mtime} line gets this time. */
    public static final Instant DEFAULT_MTIME = Instant.parse("2026-11-22T09:00:00Z");

    public static final List<String> ALL = List.of("debian12-default", "debian12-weak", "debian12-hardened", "ubuntu2404-style",
            "rocky9-style");

    public Path source() {
        return DIR.resolve(name).resolve("root");
    }

    public Path modes() {
        return DIR.resolve(name).resolve("modes");
    }

    public Path expectedReport() {
        return DIR.resolve(name).resolve("expected-report.json");
    }

    public static boolean canChown() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Copies the fixture into {@code target} (created if missing) and applies its modes file. */
    public Path install(Path target) {
        try {
            copyTree(source(), target);
            List<String[]> perms = new ArrayList<>();
            List<String[]> links = new ArrayList<>();
            List<String[]> times = new ArrayList<>();
            for (String raw : Files.readAllLines(modes())) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\s+");
                switch (f[0]) {
                    case "link" -> links.add(f);
                    case "mtime" -> times.add(f);
                    default -> {
                        if (f.length != 4) {
                            throw new IllegalStateException(modes() + ": bad line: " + raw);
                        }
                        perms.add(f);
                    }
                }
            }
            // Empty directories first (git keeps none), so that links such as /sbin -> usr/sbin
            // point at something; then the links, parents before children.
            for (String[] f : perms) {
                if (f[3].endsWith("/")) {
                    Files.createDirectories(at(target, f[3]));
                }
            }
            links.sort((a, b) -> a[1].compareTo(b[1]));
            for (String[] f : links) {
                Path p = at(target, f[1]);
                Files.createDirectories(p.getParent());
                Files.createSymbolicLink(p, Path.of(f[2]));
            }
            setTimes(target, times);
            // Owners first (chown clears setuid bits), deepest paths first so that a mode 0000
            // directory never blocks the paths below it.
            perms.sort((a, b) -> b[3].compareTo(a[3]));
            for (String[] f : perms) {
                Path p = at(target, f[3]);
                if (canChown()) {
                    Files.setAttribute(p, "unix:uid", Integer.parseInt(f[1]), LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", Integer.parseInt(f[2]), LinkOption.NOFOLLOW_LINKS);
                }
                Files.setAttribute(p, "unix:mode", Integer.parseInt(f[0], 8), LinkOption.NOFOLLOW_LINKS);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes the symlinks under {@code dir}, so that JUnit's clean-up of a temporary directory
     * does not warn about each link whose target lies outside it.
     */
    public static void removeLinks(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isSymbolicLink).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path at(Path root, String path) {
        String rel = path.replaceAll("^/+", "").replaceAll("/+$", "");
        return rel.isEmpty() ? root : root.resolve(rel);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void setTimes(Path root, List<String[]> times) throws IOException {
        FileTime dflt = FileTime.from(DEFAULT_MTIME);
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setLastModifiedTime(p, dflt);
                }
            }
        }
        for (String[] f : times) {
            Files.setLastModifiedTime(at(root, f[1]), FileTime.from(Instant.parse(f[2])));
        }
    }
}
