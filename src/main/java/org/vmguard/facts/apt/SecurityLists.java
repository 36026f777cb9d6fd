package org.vmguard.facts.apt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.vmguard.facts.FactException;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.packages.DebVersion;
import org.vmguard.facts.packages.InstalledPackages;

/**
 * The security archives' package indexes that APT downloaded (/var/lib/apt/lists/*_dists_*-security_*_Packages,
 * plain, .gz or .lz4), compared with the installed versions: a package has a security update
 * waiting when a security index offers a newer version for its name and architecture. This is
 * what apt itself would see from the same lists, without building its cache.
 *
 * @param unreadable lists in a compression we do not read (.xz, .zst): empty when all were read
 */
public record SecurityLists(List<String> files, Map<String, Offer> newest, List<String> unreadable) {

    public static final String DIR = "/var/lib/apt/lists";

    /** The newest version of one package:arch in a security index, and where. */
    public record Offer(String name, String arch, String version, String path, int line) {
    }

    public static boolean isSecurityIndex(String name) {
        int d = name.indexOf("_dists_");
        if (d < 0 || !(name.contains("_Packages"))) {
            return false;
        }
        String rest = name.substring(d + "_dists_".length());
        String suite = rest.contains("_") ? rest.substring(0, rest.indexOf('_')) : rest;
        // Debian 10 and older published security updates as dists/<codename>/updates
        return suite.endsWith("-security") || name.contains("_debian-security_dists_") && rest.contains("_updates_");
    }

    public static SecurityLists load(Host host) {
        List<String> files = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        Map<String, Offer> newest = new HashMap<>();
        for (String name : host.list(DIR)) {
            if (!isSecurityIndex(name)) {
                continue;
            }
            String path = DIR + "/" + name;
            if (!(name.endsWith("_Packages") || name.endsWith(".gz") || name.endsWith(".lz4"))) {
                unreadable.add(path);
                continue;
            }
            byte[] bytes;
            try {
                bytes = host.target().read(path).orElse(new byte[0]);
            } catch (IOException e) {
                throw new FactException(Host.describe(path, e));
            }
            String text = new String(decompress(path, bytes), StandardCharsets.UTF_8);
            files.add(path);
            index(path, text, newest);
        }
        return new SecurityLists(List.copyOf(files), Map.copyOf(newest), List.copyOf(unreadable));
    }

    static byte[] decompress(String path, byte[] bytes) {
        try {
            if (path.endsWith(".lz4")) {
                return Lz4Frame.decompress(bytes);
            }
            if (path.endsWith(".gz")) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    return in.readNBytes(Lz4Frame.MAX_OUTPUT);
                }
            }
            return bytes;
        } catch (IllegalArgumentException | IOException e) {
            throw new ParseError(path, 0, "cannot decompress: " + e.getMessage());
        }
    }

    /**
     * Packages stanzas: Package, Version, Architecture; the newest version per package:arch wins.
     * Scans line by line without splitting the whole index (a security index is megabytes).
     */
    static void index(String path, String text, Map<String, Offer> newest) {
        String name = null;
        String version = null;
        String arch = "";
        int line = 0;
        int lineNo = 0;
        int pos = 0;
        int n = text.length();
        while (pos <= n) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? n : nl;
            lineNo++;
            boolean blank = true;
            for (int i = pos; i < end; i++) {
                if (!Character.isWhitespace(text.charAt(i))) {
                    blank = false;
                    break;
                }
            }
            if (blank) {
                if (name != null && version != null) {
                    String key = name + ":" + arch;
                    Offer old = newest.get(key);
                    if (old == null || DebVersion.compare(version, old.version()) > 0) {
                        newest.put(key, new Offer(name, arch, version, path, line));
                    }
                }
                name = null;
                version = null;
                arch = "";
            } else if (text.startsWith("Package:", pos)) {
                name = text.substring(pos + 8, end).strip();
                line = lineNo;
            } else if (text.startsWith("Version:", pos)) {
                version = text.substring(pos + 8, end).strip();
            } else if (text.startsWith("Architecture:", pos)) {
                arch = text.substring(pos + 13, end).strip();
            }
            if (nl < 0) {
                if (name != null && version != null) {
                    String key = name + ":" + arch;
                    Offer old = newest.get(key);
                    if (old == null || DebVersion.compare(version, old.version()) > 0) {
                        newest.put(key, new Offer(name, arch, version, path, line));
                    }
                }
                break;
            }
            pos = nl + 1;
        }
    }

    /** The installed packages that a security index offers a newer version of. */
    public List<Pending> pending(InstalledPackages installed) {
        List<Pending> out = new ArrayList<>();
        for (InstalledPackages.Package p : installed.packages()) {
            Offer o = newest.get(p.name() + ":" + p.arch());
            if (o != null && DebVersion.compare(o.version(), p.version()) > 0) {
                out.add(new Pending(p, o));
            }
        }
        return out;
    }

    public record Pending(InstalledPackages.Package installed, Offer offer) {
    }

    public Optional<String> suiteOf(String path) {
        int d = path.indexOf("_dists_");
        if (d < 0) {
            return Optional.empty();
        }
        String rest = path.substring(d + 7);
        return Optional.of(rest.contains("_") ? rest.substring(0, rest.indexOf('_')) : rest);
    }
}
