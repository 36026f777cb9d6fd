package org.vmguard.facts.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.facts.ParseError;
import org.vmguard.testing.Tools;
import org.vmguard.testing.Tree;

public class RpmDbTest {

    @TempDir
    Path dir;

    /** Builds packages with the real rpmbuild and records them with the real rpm, as dnf would. */
    public static void install(Path root, List<String[]> packages) throws IOException, InterruptedException {
        Path top = Files.createDirectories(root.resolve("../rpmbuild-" + root.getFileName()));
        List<String> rpms = new ArrayList<>();
        for (String[] p : packages) {
            Path spec = top.resolve(p[0] + ".spec");
            Files.writeString(spec, "Name: " + p[0] + "\nVersion: " + p[1] + "\nRelease: " + p[2] + "\n"
                    + (p[3].isEmpty() ? "" : "Epoch: " + p[3] + "\n")
                    + "Summary: t\nLicense: MIT\nBuildArch: noarch\n%description\nt\n%files\n");
            run("rpmbuild", "--define", "_topdir " + top, "-bb", spec.toString());
            rpms.add(top + "/RPMS/noarch/" + p[0] + "-" + p[1] + "-" + p[2] + ".noarch.rpm");
        }
        Path db = Files.createDirectories(root.resolve("var/lib/rpm"));
        List<String> cmd = new ArrayList<>(List.of("rpm", "--dbpath", db.toString(), "-i", "--justdb", "--nodeps",
                "--noscripts"));
        cmd.addAll(rpms);
        run(cmd.toArray(String[]::new));
    }

    static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", argv) + ": " + out);
        }
        return out;
    }

    @Test
    void readsTheSqliteDatabaseThatRpmWrote() throws Exception {
        Tools.require("/usr/bin/rpmbuild");
        install(dir, List.of(
                new String[] {"dnf-automatic", "4.14.0", "17.el9", ""},
                new String[] {"openssl", "3.0.7", "27.el9", "1"},
                new String[] {"kernel-core", "5.14.0", "503.11.1.el9_5", ""}));
        InstalledPackages pkgs = new Tree(dir).host().fact(InstalledPackages.KEY);
        assertThat(pkgs.kind()).isEqualTo(InstalledPackages.Kind.RPM);
        assertThat(pkgs.readable()).isTrue();
        assertThat(pkgs.database()).isEqualTo("/var/lib/rpm/rpmdb.sqlite");

        TreeSet<String> ours = new TreeSet<>();
        for (var p : pkgs.packages()) {
            ours.add(p.name() + " " + p.epoch() + " " + p.version() + " " + p.arch());
        }
        String qa = run("rpm", "--dbpath", dir.resolve("var/lib/rpm").toString(), "-qa", "--qf",
                "%{NAME} %{EPOCHNUM} %{VERSION}-%{RELEASE} %{ARCH}\\n");
        assertThat(ours).isEqualTo(new TreeSet<>(qa.lines().toList()));
        assertThat(pkgs.find("openssl")).hasValueSatisfying(p -> assertThat(p.epoch()).isEqualTo(1));
    }

    /**
     * A transaction that sits only in rpmdb.sqlite-wal (copied while the writer still held it):
     * we see what rpm itself sees from the same two files.
     */
    @Test
    void mergesTheCommittedPagesOfTheWriteAheadLog() throws Exception {
        Tools.require("/usr/bin/rpmbuild");
        Path work = Files.createDirectories(dir.resolve("work"));
        install(work, List.of(new String[] {"dnf-automatic", "4.14.0", "17.el9", ""},
                new String[] {"openssl", "3.0.7", "27.el9", "1"}));
        Path db = work.resolve("var/lib/rpm/rpmdb.sqlite");
        Path copy = Files.createDirectories(dir.resolve("copy/var/lib/rpm"));
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                var st = c.createStatement()) {
            try (var rs = st.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            st.execute("PRAGMA wal_autocheckpoint=0");
            st.execute("DELETE FROM Packages WHERE hnum = (SELECT min(hnum) FROM Packages)");
            Files.copy(db, copy.resolve("rpmdb.sqlite"));
            Files.copy(Path.of(db + "-wal"), copy.resolve("rpmdb.sqlite-wal"));
        }
        assertThat(Files.size(copy.resolve("rpmdb.sqlite-wal"))).isPositive();
        InstalledPackages pkgs = new Tree(dir.resolve("copy")).host().fact(InstalledPackages.KEY);
        assertThat(pkgs.note()).contains("merged");
        TreeSet<String> ours = new TreeSet<>();
        pkgs.packages().forEach(p -> ours.add(p.name()));
        String qa = run("rpm", "--dbpath", copy.toString(), "-qa", "--qf", "%{NAME}\\n");
        assertThat(ours).hasSize(1).isEqualTo(new TreeSet<>(qa.lines().toList()));
    }

    @Test
    void aBerkeleyDatabaseIsReportedUnreadableNotEmpty() {
        var pkgs = new Tree(dir).file("/var/lib/rpm/Packages", "\0\0\0\0bdb").host().fact(InstalledPackages.KEY);
        assertThat(pkgs.readable()).isFalse();
        assertThat(pkgs.unreadable()).contains("Berkeley DB");
    }

    @Test
    void noDatabaseAtAllIsKindNone() {
        var pkgs = new Tree(dir).dir("/etc").host().fact(InstalledPackages.KEY);
        assertThat(pkgs.kind()).isEqualTo(InstalledPackages.Kind.NONE);
    }

    @Test
    void junkInsteadOfADatabaseIsAParseError() {
        assertThatThrownBy(() -> RpmDb.parse("/var/lib/rpm/rpmdb.sqlite", "junk".repeat(100).getBytes()))
                .isInstanceOf(ParseError.class).hasMessageContaining("/var/lib/rpm/rpmdb.sqlite");
    }
}
