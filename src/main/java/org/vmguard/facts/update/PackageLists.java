package org.vmguard.facts.update;

import java.time.Instant;
import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.target.FileStat;

/**
 * When the package manager last refreshed its lists of available packages. APT: the stamp
 * apt.systemd.daily touches after a successful update (/var/lib/apt/periodic/update-success-stamp)
 * and the modification times of /var/lib/apt/lists, its partial/ directory and the index files
 * in it. DNF: the solv caches and repomd.xml files under /var/cache/dnf; yum:
 * /var/cache/yum/{@literal *}/{@literal *}/{@literal *}/repomd.xml.
 *
 * @param manager "apt", "dnf", "yum" or "" when no list cache was found
 * @param newest the newest refresh seen, with the file that shows it
 */
public record PackageLists(String manager, Optional<Instant> newest, Optional<Evidence> newestEvidence, int files) {

    public static final FactKey<PackageLists> KEY = FactKey.of("package-lists", PackageLists::load);
    public static final String APT_STAMP = "/var/lib/apt/periodic/update-success-stamp";
    public static final String APT_LISTS = "/var/lib/apt/lists";

    private static final class Newest {
        long mtime = Long.MIN_VALUE;
        String path;
        int count;

        void offer(Host host, String p) {
            Optional<FileStat> st = host.stat(p);
            if (st.isPresent()) {
                count++;
                if (st.get().mtimeEpochSeconds() > mtime) {
                    mtime = st.get().mtimeEpochSeconds();
                    path = p;
                }
            }
        }
    }

    static PackageLists load(Host host) {
        if (host.stat(APT_LISTS).isPresent() || host.stat(APT_STAMP).isPresent()) {
            Newest n = new Newest();
            int indexes = 0;
            for (String name : host.list(APT_LISTS)) {
                if (name.contains("_dists_") || name.endsWith("Release") || name.contains("_Packages")) {
                    n.offer(host, APT_LISTS + "/" + name);
                    indexes++;
                }
            }
            if (indexes > 0) {
                n.offer(host, APT_LISTS);
                n.offer(host, APT_LISTS + "/partial");
            }
            n.offer(host, APT_STAMP);
            return result("apt", n, indexes);
        }
        if (host.stat("/var/cache/dnf").isPresent()) {
            Newest n = new Newest();
            int found = 0;
            for (String name : host.list("/var/cache/dnf")) {
                String p = "/var/cache/dnf/" + name;
                if (name.endsWith(".solv") || name.equals("last_makecache")) {
                    n.offer(host, p);
                    found++;
                } else if (host.stat(p + "/repodata/repomd.xml").isPresent()) {
                    n.offer(host, p + "/repodata/repomd.xml");
                    found++;
                }
            }
            return result("dnf", n, found);
        }
        if (host.stat("/var/cache/yum").isPresent()) {
            Newest n = new Newest();
            int found = 0;
            for (String arch : host.list("/var/cache/yum")) {
                for (String rel : host.list("/var/cache/yum/" + arch)) {
                    for (String repo : host.list("/var/cache/yum/" + arch + "/" + rel)) {
                        String p = "/var/cache/yum/" + arch + "/" + rel + "/" + repo + "/repomd.xml";
                        if (host.stat(p).isPresent()) {
                            n.offer(host, p);
                            found++;
                        }
                    }
                }
            }
            return result("yum", n, found);
        }
        return new PackageLists("", Optional.empty(), Optional.empty(), 0);
    }

    private static PackageLists result(String manager, Newest n, int files) {
        if (n.path == null) {
            return new PackageLists(manager, Optional.empty(), Optional.empty(), files);
        }
        Instant when = Instant.ofEpochSecond(n.mtime);
        return new PackageLists(manager, Optional.of(when), Optional.of(Evidence.file(n.path, "modified " + when)),
                files);
    }
}
