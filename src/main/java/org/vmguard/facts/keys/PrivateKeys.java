package org.vmguard.facts.keys;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vmguard.facts.FactException;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.Passwd;
import org.vmguard.target.FileStat;

/**
 * Private keys found in home directories: /root, every /home/*, and every account's home of
 * /etc/passwd. In a home, every file of ~/.ssh is examined, and elsewhere files named like keys
 * (id_*, *.pem, *.key, *.ppk). The walk is bounded (depth, entries listed, files read, file size)
 * so a huge home cannot stall an audit. A search stopped by its entry or file bound is one of the
 * {@code problems} (files were never looked at); the depth bound and skipped large files are said
 * in {@code limits}.
 *
 * @param keys every key found, protected or not
 * @param roots the directories and files searched
 * @param absent the places asked for that do not exist
 * @param examined how many files were read and classified
 * @param problems what could not be read, and why
 * @param limits the bounds that stopped the search early
 */
public record PrivateKeys(List<PrivateKey> keys, List<String> roots, List<String> absent, int examined,
        List<String> problems, List<String> limits) {

    public static final FactKey<PrivateKeys> KEY = FactKey.of("private keys in homes", PrivateKeys::homes);

    /** Directories deeper than this below a home are not walked. */
    static final int MAX_DEPTH = 3;
    /** Directory entries looked at per searched root. */
    static final int MAX_ENTRIES = 20_000;
    /** Files read per searched root. */
    static final int MAX_FILES = 2_000;
    /** Keys are a few kilobytes; larger files are not read. */
    static final long MAX_SIZE = 1 << 20;
    /** Directories of caches and tools that hold no user keys but many files. */
    static final Set<String> SKIP_DIRS = Set.of(".cache", ".git", "node_modules", ".npm", ".m2", ".gradle",
            ".cargo", ".rustup", ".local", ".mozilla", ".vscode-server", "snap", ".venv", "venv", "__pycache__", ".pyenv", ".rbenv", ".nvm", ".conda");
    /** Files of ~/.ssh that are never private keys. */
    static final Set<String> NOT_KEYS = Set.of("known_hosts", "known_hosts.old", "authorized_keys",
            "authorized_keys2", "config", "environment", "rc", "allowed_signers");
    /** Homes that are system directories: walking them would audit the OS, not a user's files. */
    static final Set<String> NOT_HOMES = Set.of("/", "/bin", "/sbin", "/usr", "/usr/bin", "/usr/sbin", "/usr/games",
            "/etc", "/var", "/dev", "/proc", "/sys", "/run", "/var/run", "/tmp", "/var/tmp", "/nonexistent", "/lib",
            "/usr/lib", "/var/spool", "/var/mail", "/var/backups", "/var/cache", "/var/log");

    public PrivateKeys {
        keys = List.copyOf(keys);
        roots = List.copyOf(roots);
        absent = List.copyOf(absent);
        problems = List.copyOf(problems);
        limits = List.copyOf(limits);
    }

    /**
     * The keys of these paths (files or directories), every file examined: `vmguard keys PATH…`.
     *
     * @param mustExist whether a missing path is a problem (named by the user) or simply has no keys
     *        (the default ~/.ssh)
     */
    public static FactKey<PrivateKeys> in(List<String> paths, boolean mustExist) {
        List<String> copy = List.copyOf(paths);
        return FactKey.of("private keys in " + String.join(", ", copy), h -> search(h, copy, true, mustExist));
    }

    public List<PrivateKey> unprotected() {
        return keys.stream().filter(k -> k.protection() == PrivateKey.Protection.NONE).toList();
    }

    static PrivateKeys homes(Host host) {
        Set<String> roots = new LinkedHashSet<>();
        roots.add("/root");
        for (String name : host.list("/home")) {
            roots.add("/home/" + name);
        }
        Passwd passwd = host.fact(Passwd.KEY);
        for (Passwd.Entry e : passwd.entries()) {
            String h = normal(e.home());
            if (h.startsWith("/") && !NOT_HOMES.contains(h) && !h.startsWith("/proc/") && !h.startsWith("/sys/")
                    && !h.startsWith("/dev/") && !h.startsWith("/run/")) {
                roots.add(h);
            }
        }
        return search(host, List.copyOf(roots), false, false);
    }

    private static String normal(String p) {
        String s = p.replaceAll("/+", "/");
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** @param explicit every file is examined (the user named these paths), not only key-like names */
    static PrivateKeys search(Host host, List<String> roots, boolean explicit, boolean mustExist) {
        Search s = new Search(host, explicit);
        List<String> searched = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (String root : roots) {
            String r = normal(root);
            Optional<FileStat> st = s.stat(r);
            if (st.isEmpty()) {
                absent.add(r);
                if (mustExist) {
                    s.problems.add(r + ": no such file or directory");
                }
                continue;
            }
            searched.add(r);
            if (st.get().isDirectory() || st.get().isSymlink() && s.isDirectoryBehindLink(r)) {
                s.walk(r);
            } else {
                s.examine(r, st.get());
            }
        }
        return new PrivateKeys(s.keys, searched, absent, s.examined, s.problems, s.limits);
    }

    private static final class Search {
        final Host host;
        final boolean explicit;
        final List<PrivateKey> keys = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final List<String> limits = new ArrayList<>();
        int examined;
        int tooDeep;
        String firstTooDeep;

        Search(Host host, boolean explicit) {
            this.host = host;
            this.explicit = explicit;
        }

        Optional<FileStat> stat(String path) {
            try {
                return host.stat(path);
            } catch (FactException e) {
                problems.add(e.getMessage());
                return Optional.empty();
            }
        }

        boolean isDirectoryBehindLink(String path) {
            // open, not read: a link to a large file is not read just to learn it is no directory
            try (var in = host.target().open(path).orElse(null)) {
                return false;
            } catch (IOException e) {
                return String.valueOf(e.getMessage()).contains("is a directory");
            }
        }

        record Dir(String path, int depth, boolean inSsh) {
        }

        void walk(String root) {
            Deque<Dir> todo = new ArrayDeque<>();
            todo.add(new Dir(root, 0, root.endsWith("/.ssh") || explicit));
            int entries = 0;
            int files = 0;
            tooDeep = 0;
            try {
                walkFrom(root, todo, entries, files);
            } finally {
                if (tooDeep > 0) {
                    limits.add(tooDeep + " director" + (tooDeep == 1 ? "y" : "ies") + " below depth " + MAX_DEPTH
                            + " of " + root + " not searched (" + firstTooDeep + (tooDeep > 1 ? ", …" : "") + ")");
                }
            }
        }

        private void walkFrom(String root, Deque<Dir> todo, int entries, int files) {
            while (!todo.isEmpty()) {
                Dir d = todo.poll();
                List<String> names;
                try {
                    names = host.list(d.path());
                } catch (FactException e) {
                    problems.add(e.getMessage());
                    continue;
                }
                for (String name : names) {
                    if (++entries > MAX_ENTRIES) {
                        // what lies beyond was never looked at: that is a place not searched, not a note
                        problems.add("the search of " + root + " stopped after " + MAX_ENTRIES + " directory entries");
                        return;
                    }
                    String p = d.path().equals("/") ? "/" + name : d.path() + "/" + name;
                    Optional<FileStat> st = stat(p);
                    if (st.isEmpty()) {
                        continue;
                    }
                    // ~/.ssh linked elsewhere (a dotfiles manager, a data volume) is walked like ~/.ssh;
                    // other linked directories are not (~/data -> /mnt/data would walk the volume)
                    boolean sshLink = st.get().isSymlink() && (name.equals(".ssh") || d.inSsh() && !explicit)
                            && isDirectoryBehindLink(p);
                    if (st.get().isDirectory() || sshLink) {
                        if (SKIP_DIRS.contains(name) && !explicit) {
                            continue;
                        }
                        if (d.depth() + 1 > MAX_DEPTH) {
                            if (tooDeep++ == 0) {
                                firstTooDeep = p;
                            }
                            continue;
                        }
                        todo.add(new Dir(p, d.depth() + 1, d.inSsh() || name.equals(".ssh")));
                        continue;
                    }
                    if (!candidate(name, d.inSsh())) {
                        continue;
                    }
                    if (++files > MAX_FILES) {
                        problems.add("the search of " + root + " stopped after reading " + MAX_FILES + " files");
                        return;
                    }
                    examine(p, st.get());
                }
            }
        }

        boolean candidate(String name, boolean inSsh) {
            if (name.endsWith(".pub") || name.endsWith("-cert.pub")) {
                return false;
            }
            if (inSsh) {
                return !NOT_KEYS.contains(name);
            }
            return name.startsWith("id_") || name.endsWith(".pem") || name.endsWith(".key") || name.endsWith(".ppk");
        }

        void examine(String path, FileStat st) {
            if (!st.isRegularFile() && !st.isSymlink()) {
                return;
            }
            if (st.isRegularFile() && st.size() > MAX_SIZE) {
                limits.add(path + " was not read (" + st.size() + " bytes, more than any key)");
                return;
            }
            try {
                Optional<byte[]> bytes = host.target().read(path);
                if (bytes.isEmpty()) {
                    return;
                }
                examined++;
                byte[] b = bytes.get();
                if (b.length > MAX_SIZE) {
                    limits.add(path + " was not read (more than " + MAX_SIZE + " bytes, more than any key)");
                    return;
                }
                keys.addAll(KeyFormats.classify(path, b));
            } catch (IOException e) {
                // a symlink to a directory or a device is simply not a key file
                if (!String.valueOf(e.getMessage()).contains("not a regular file")
                        && !String.valueOf(e.getMessage()).contains("is a directory")) {
                    problems.add(Host.describe(path, e));
                }
            }
        }
    }
}
