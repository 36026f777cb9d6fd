package org.vmguard.target;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vmguard.core.TargetKind;

/**
 * A root filesystem seen from outside: an unpacked or mounted VM image, a chroot. Every path is
 * resolved inside the root, symlinks included (an absolute link target is taken relative to the
 * root, and ".." never climbs above it), so nothing outside the root is ever read. The image's
 * own programs are never run.
 */
public class RootfsTarget implements Target {

    private static final int MAX_LINKS = 40;

    private final Path root;
    private final String name;

    public RootfsTarget(Path root) {
        this(root, root.toString());
    }

    protected RootfsTarget(Path root, String name) {
        this.root = root.toAbsolutePath().normalize();
        this.name = name;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.ROOTFS;
    }

    @Override
    public String name() {
        return name;
    }

    public Path root() {
        return root;
    }

    /**
     * Resolves a target path to a host path inside the root, following symlinks the way the
     * kernel would inside a chroot.
     *
     * @param followLast whether a symlink in the last component is followed
     * @return the host path, or empty when some component does not exist
     */
    Optional<Path> resolve(String path, boolean followLast) throws IOException {
        if (path.indexOf('\0') >= 0) {
            return Optional.empty(); // no file has a NUL in its name (a hostile passwd's home field)
        }
        Deque<String> todo = new ArrayDeque<>(components(path));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pollFirst();
            if (part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.removeLast();
                }
                continue;
            }
            Path candidate = hostPath(done).resolve(part);
            boolean last = todo.isEmpty();
            if (Files.isSymbolicLink(candidate) && (!last || followLast)) {
                if (++links > MAX_LINKS) {
                    throw new FileSystemException(path, null, "too many levels of symbolic links");
                }
                String link = Files.readSymbolicLink(candidate).toString();
                List<String> linkParts = components(link);
                for (int i = linkParts.size() - 1; i >= 0; i--) {
                    todo.addFirst(linkParts.get(i));
                }
                if (link.startsWith("/")) {
                    done.clear();
                }
                continue;
            }
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            done.add(part);
        }
        return Optional.of(hostPath(done));
    }

    private Path hostPath(List<String> parts) {
        Path p = root;
        for (String s : parts) {
            p = p.resolve(s);
        }
        return p;
    }

    private static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        Optional<Path> p = resolve(path, true);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        Path file = p.get();
        if (Files.isDirectory(file)) {
            throw new FileSystemException(path, null, "is a directory");
        }
        if (!Files.isRegularFile(file)) {
            throw new FileSystemException(path, null, "not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(in.readNBytes(MAX_READ));
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(path, null, "permission denied");
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<InputStream> open(String path) throws IOException {
        Optional<Path> p = resolve(path, true);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        Path file = p.get();
        if (!Files.isRegularFile(file)) {
            throw new FileSystemException(path, null, Files.isDirectory(file) ? "is a directory" : "not a regular file");
        }
        try {
            return Optional.of(Files.newInputStream(file));
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(path, null, "permission denied");
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Optional<Path> p = resolve(dir, true);
        if (p.isEmpty() || !Files.isDirectory(p.get())) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p.get())) {
            for (Path e : ds) {
                names.add(e.getFileName().toString());
            }
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(dir, null, "permission denied");
        } catch (NotDirectoryException | NoSuchFileException e) {
            return List.of();
        }
        Collections.sort(names);
        return names;
    }

    @Override
    public Optional<FileStat> stat(String path) throws IOException {
        Optional<Path> p = resolve(path, false);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        try {
            Map<String, Object> a = Files.readAttributes(p.get(), "unix:mode,uid,gid,size,lastModifiedTime",
                    LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new FileStat(normal(path), (Integer) a.get("mode"), (Integer) a.get("uid"),
                    (Integer) a.get("gid"), (Long) a.get("size"), ((FileTime) a.get("lastModifiedTime")).toMillis() / 1000));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> readLink(String path) throws IOException {
        Optional<Path> p = resolve(path, false);
        if (p.isEmpty() || !Files.isSymbolicLink(p.get())) {
            return Optional.empty();
        }
        return Optional.of(Files.readSymbolicLink(p.get()).toString());
    }

    @Override
    public boolean canExec() {
        return false;
    }

    @Override
    public ExecResult exec(List<String> argv, Duration timeout) throws IOException {
        throw new IOException("commands do not run on an offline image: " + String.join(" ", argv));
    }

    static String normal(String path) {
        return "/" + String.join("/", components(path));
    }

    @Override
    public String toString() {
        return kind().label() + ":" + name;
    }
}
