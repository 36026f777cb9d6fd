package org.vmguard.facts.packages;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConnection;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;
import org.vmguard.target.FileStat;
import org.vmguard.target.Target;

/**
 * The RPM database, read offline. RHEL 9 and its rebuilds keep it in SQLite
 * (/var/lib/rpm/rpmdb.sqlite, or /usr/lib/sysimage/rpm on newer Fedora-based systems): its
 * Packages table holds one RPM header per row. The file's bytes come through the target and are
 * opened in memory, so nothing outside the target is touched; committed pages still in the
 * write-ahead log (rpmdb.sqlite-wal) are merged first. Older formats (Berkeley DB on RHEL
 * 7 and 8, rpm's own ndb) are reported as unreadable, never guessed at.
 */
public final class RpmDb {

    static final List<String> DIRS = List.of("/var/lib/rpm", "/usr/lib/sysimage/rpm");

    private RpmDb() {
    }

    static InstalledPackages load(Host host) {
        for (String dir : DIRS) {
            String sqlite = dir + "/rpmdb.sqlite";
            Optional<FileStat> st = host.stat(sqlite);
            if (st.isPresent()) {
                if (st.get().size() > Target.MAX_READ
                        || host.stat(sqlite + "-wal").filter(w -> w.size() > Target.MAX_READ).isPresent()) {
                    return unreadable(sqlite, sqlite + " is larger than the " + (Target.MAX_READ >> 20)
                            + " MiB vmguard reads from a target");
                }
                byte[] bytes = read(host, sqlite);
                String note = "";
                if (host.stat(sqlite + "-wal").filter(w -> w.size() > 0).isPresent()) {
                    try {
                        SqliteWal.Merged m = SqliteWal.apply(bytes, read(host, sqlite + "-wal"));
                        bytes = m.db();
                        note = m.frames() + " committed page(s) of " + sqlite + "-wal merged";
                    } catch (IllegalArgumentException e) {
                        throw new ParseError(sqlite + "-wal", 0, e.getMessage());
                    }
                }
                return new InstalledPackages(InstalledPackages.Kind.RPM, sqlite, parse(sqlite, bytes), "", note);
            }
            for (String other : List.of("Packages", "Packages.db")) {
                if (host.stat(dir + "/" + other).isPresent()) {
                    String format = other.equals("Packages") ? "Berkeley DB (RHEL 8 and older)" : "rpm's ndb format";
                    return unreadable(dir + "/" + other, "the RPM database " + dir + "/" + other + " is in " + format
                            + ", which vmguard cannot read offline; on a live host `rpm -qa` can");
                }
            }
        }
        return new InstalledPackages(InstalledPackages.Kind.NONE, "", List.of(), "", "");
    }

    private static byte[] read(Host host, String path) {
        try {
            return host.target().read(path).orElse(new byte[0]);
        } catch (java.io.IOException e) {
            throw new org.vmguard.facts.FactException(Host.describe(path, e));
        }
    }

    private static InstalledPackages unreadable(String path, String why) {
        return new InstalledPackages(InstalledPackages.Kind.RPM, path, List.of(), why, "");
    }

    /** The packages of an rpmdb.sqlite file's bytes. */
    public static List<InstalledPackages.Package> parse(String path, byte[] bytes) {
        if (bytes.length < 100 || !new String(bytes, 0, 15, java.nio.charset.StandardCharsets.ISO_8859_1)
                .equals("SQLite format 3")) {
            throw new ParseError(path, 0, "not an SQLite database");
        }
        byte[] db = bytes.clone();
        // a database in WAL mode cannot be opened from memory; mark it as a rollback-journal one
        if (db[18] == 2 || db[19] == 2) {
            db[18] = 1;
            db[19] = 1;
        }
        List<InstalledPackages.Package> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            c.unwrap(SQLiteConnection.class).deserialize("main", db);
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT hnum, blob FROM Packages ORDER BY hnum")) {
                while (rs.next()) {
                    int hnum = rs.getInt(1);
                    byte[] blob = rs.getBytes(2);
                    out.add(decode(path, hnum, blob == null ? new byte[0] : blob));
                }
            }
        } catch (SQLException e) {
            throw new ParseError(path, 0, "cannot read the RPM database: " + e.getMessage());
        }
        return out;
    }

    /** One Packages row: its header decoded, or our parse error naming the row. */
    public static InstalledPackages.Package decode(String path, int hnum, byte[] blob) {
        try {
            RpmHeader h = RpmHeader.parse(blob);
            String name = h.string(RpmHeader.NAME).orElseThrow(() -> new IllegalArgumentException("no NAME tag"));
            String version = h.string(RpmHeader.VERSION).orElse("");
            String release = h.string(RpmHeader.RELEASE).orElse("");
            String arch = h.string(RpmHeader.ARCH).orElse("");
            long epoch = h.int32(RpmHeader.EPOCH).orElse(0L);
            return new InstalledPackages.Package(name, release.isEmpty() ? version : version + "-" + release, arch,
                    epoch, path, hnum);
        } catch (IllegalArgumentException e) {
            // the "line" of a database is its row: hnum
            throw new ParseError(path, hnum, "damaged RPM header in Packages row " + hnum + ": " + e.getMessage());
        }
    }
}
