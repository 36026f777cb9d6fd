package org.vmguard.facts.apt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.facts.Host;
import org.vmguard.facts.packages.InstalledPackages;
import org.vmguard.facts.update.PendingUpdates;
import org.vmguard.target.LocalTarget;
import org.vmguard.testing.Tools;
import org.vmguard.testing.Tree;

class SecurityListsTest {

    @TempDir
    Path dir;

    static byte[] run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as(String.join(" ", argv)).isZero();
        return out;
    }

    @Test
    void namesTheSecurityIndexesOfDebianAndUbuntu() {
        assertThat(SecurityLists.isSecurityIndex(
                "deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4")).isTrue();
        assertThat(SecurityLists.isSecurityIndex(
                "security.ubuntu.com_ubuntu_dists_noble-security_main_binary-amd64_Packages")).isTrue();
        assertThat(SecurityLists.isSecurityIndex(
                "security.debian.org_debian-security_dists_buster_updates_main_binary-amd64_Packages")).isTrue();
        assertThat(SecurityLists.isSecurityIndex("deb.debian.org_debian_dists_bookworm-updates_main_binary-amd64_Packages"))
                .isFalse();
        assertThat(SecurityLists.isSecurityIndex("deb.debian.org_debian-security_dists_bookworm-security_InRelease"))
                .isFalse();
    }

    /** Frames written by the real lz4 tool with every option that changes the layout. */
    @Test
    void decompressesWhatTheLz4ToolWrites() throws Exception {
        Tools.require("/usr/bin/lz4");
        Random rnd = new Random(5);
        byte[] data = new byte[300_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : "Package: libssl3\n".charAt(i % 17));
        }
        Path in = Files.write(dir.resolve("in"), data);
        for (String[] opts : List.of(new String[] {}, new String[] {"-BD"}, new String[] {"-BX", "--content-size"},
                new String[] {"-B4", "-9"}, new String[] {"--no-frame-crc"})) {
            List<String> cmd = new ArrayList<>(List.of("lz4", "-q", "-c", "-f"));
            cmd.addAll(Arrays.asList(opts));
            cmd.add(in.toString());
            byte[] compressed = run(cmd.toArray(String[]::new));
            assertThat(Lz4Frame.decompress(compressed)).as(String.join(" ", opts)).isEqualTo(data);
        }
    }

    /** APT's own lists on this machine, decompressed by apt-helper cat-file, the real reader. */
    @Test
    void decompressesAptsOwnListsAsAptHelperDoes() throws Exception {
        Tools.require("/usr/lib/apt/apt-helper");
        int checked = 0;
        try (var files = Files.list(Path.of("/var/lib/apt/lists"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".lz4")).toList()) {
                if (Files.size(f) > 2_000_000) {
                    continue;
                }
                byte[] ours = Lz4Frame.decompress(Files.readAllBytes(f));
                assertThat(ours).as(f.toString()).isEqualTo(run("/usr/lib/apt/apt-helper", "cat-file", f.toString()));
                checked++;
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(checked > 0, "no lz4-compressed lists on this machine");
    }

    @Test
    void damagedLz4IsAnIllegalArgumentNamingTheProblem() {
        assertThatThrownBy(() -> Lz4Frame.decompress(new byte[] {0x04, 0x22, 0x4d, 0x18, 0x40}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends early");
    }

    @Test
    void aNewerVersionInASecurityIndexIsPendingAndNamesItsLine() {
        Tree t = new Tree(dir)
                .file("/var/lib/dpkg/status", """
                        Package: libssl3
                        Status: install ok installed
                        Version: 3.0.11-1~deb12u1
                        Architecture: amd64

                        Package: tzdata
                        Status: install ok installed
                        Version: 2024a-0+deb12u1
                        Architecture: all
                        """)
                .file("/var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages",
                        """
                        Package: libssl3
                        Version: 3.0.11-1~deb12u2
                        Architecture: amd64

                        Package: libssl3
                        Version: 3.0.15-1~deb12u1
                        Architecture: amd64

                        Package: tzdata
                        Version: 2024a-0+deb12u1
                        Architecture: all
                        """);
        Host host = t.host();
        SecurityLists lists = SecurityLists.load(host);
        var pending = lists.pending(host.fact(InstalledPackages.KEY));
        assertThat(pending).singleElement().satisfies(p -> {
            assertThat(p.installed().name()).isEqualTo("libssl3");
            assertThat(p.offer().version()).isEqualTo("3.0.15-1~deb12u1");
            assertThat(p.offer().line()).isEqualTo(5);
        });
    }

    /**
     * This machine: the packages the lists say have a security update are the installed packages
     * that apt-get's own simulation upgrades from a security archive.
     */
    @Test
    @Tag("slow")
    void agreesWithAptGetSimulationOnThisMachine() throws Exception {
        Tools.require("/usr/bin/apt-get");
        Host host = new Host(new LocalTarget());
        SecurityLists lists = SecurityLists.load(host);
        org.junit.jupiter.api.Assumptions.assumeFalse(lists.files().isEmpty(), "no security index on this machine");
        TreeSet<String> ours = new TreeSet<>();
        lists.pending(host.fact(InstalledPackages.KEY)).forEach(p -> ours.add(p.installed().name()));
        String out = new String(run("apt-get", "-s", "-o", "Debug::NoLocking=1", "dist-upgrade"));
        TreeSet<String> apt = new TreeSet<>();
        for (PendingUpdates.Update u : PendingUpdates.parseApt("apt-get", out).security()) {
            if (!u.from().isEmpty()) {
                apt.add(u.name());
            }
        }
        assertThat(ours).isEqualTo(apt);
    }
}
