package org.vmguard.facts.packages;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;

/**
 * The packages installed on a host, from dpkg's status file or the RPM database.
 *
 * @param database the file read ("" when none was found)
 * @param unreadable why the database exists but cannot be read offline (an RPM Berkeley DB, a
 *     damaged file); empty when it was read
 * @param note a caveat about what was read (an RPM write-ahead log not yet merged); "" when none
 */
public record InstalledPackages(Kind kind, String database, List<Package> packages, String unreadable, String note) {

    public static final FactKey<InstalledPackages> KEY = FactKey.of("installed-packages", InstalledPackages::load);

    public enum Kind { DPKG, RPM, NONE }

    /**
     * @param epoch RPM's epoch (0 when absent); dpkg keeps its epoch inside {@code version}
     * @param line the line of the Package field in dpkg's status file; for RPM the database row
     */
    public record Package(String name, String version, String arch, long epoch, String path, int line) {
        public Evidence evidence() {
            return Evidence.at(path, line, name + " " + version + (arch.isEmpty() ? "" : " " + arch));
        }
    }

    public InstalledPackages {
        packages = List.copyOf(packages);
    }

    static InstalledPackages load(Host host) throws IOException {
        Optional<String> status = host.text(DpkgStatus.PATH);
        if (status.isPresent()) {
            return new InstalledPackages(Kind.DPKG, DpkgStatus.PATH, DpkgStatus.parse(DpkgStatus.PATH, status.get()),
                    "", "");
        }
        return RpmDb.load(host);
    }

    public boolean readable() {
        return kind != Kind.NONE && unreadable.isEmpty();
    }

    public Optional<Package> find(String name) {
        return packages.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
