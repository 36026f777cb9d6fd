package org.vmguard.checks.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Report;
import org.vmguard.core.Result;
import org.vmguard.core.Status;
import org.vmguard.core.TargetKind;
import org.vmguard.run.Runner;
import org.vmguard.testing.Tree;

/**
 * A hostile image for the update area: binary junk, a 2 MB line, an APT file that includes
 * itself, links that point out of the root and at themselves. Every update check still gives a
 * result; failures to read are errors naming the file, never internal errors.
 */
class UpdateHostileTreeTest {

    @TempDir
    Path dir;

    @Test
    void everyUpdateCheckAnswersWithoutAnInternalError() throws Exception {
        Path outside = Files.writeString(dir.resolve("outside-secret"), "Package: x\nStatus: install ok installed\n");
        Path root = Files.createDirectories(dir.resolve("root"));
        byte[] junk = new byte[4096];
        new Random(3).nextBytes(junk);
        Tree t = new Tree(root)
                .file("/etc/os-release", UpdateHosts.resource("os-release-debian12"))
                .bytes("/var/lib/dpkg/status", junk)
                .file("/etc/apt/apt.conf.d/10loop", "#include \"/etc/apt/apt.conf.d/10loop\";\n")
                .file("/etc/apt/apt.conf.d/20long", "Foo::Bar \"" + "x".repeat(2 * 1024 * 1024) + "\";\n")
                .symlink("/var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages",
                        outside.toString())
                .symlink("/boot/vmlinuz-6.1.0-28-amd64", "/boot/vmlinuz-6.1.0-28-amd64")
                .bytes("/var/lib/ubuntu-advantage/status.json", junk)
                .bytes("/etc/dnf/automatic.conf", junk);
        for (TargetKind kind : new TargetKind[] {TargetKind.ROOTFS, TargetKind.LOCAL}) {
            var host = kind == TargetKind.LOCAL ? LiveRoot.host(t) : t.host();
            Report r = Runner.run(host, kind, null, "baseline", UpdateChecks.all(), Tree.NOW);
            assertThat(r.results()).hasSize(UpdateChecks.all().size());
            for (Result res : r.results()) {
                assertThat(res.reason()).as(res.id()).doesNotContain("internal error").isNotBlank();
                if (res.status() == Status.ERROR) {
                    assertThat(res.reason()).as(res.id()).containsPattern("/(etc|var|boot|proc)/");
                }
            }
            Result auto = r.results().stream().filter(x -> x.id().equals("update.auto")).findFirst().orElseThrow();
            assertThat(auto.status()).isEqualTo(Status.ERROR);
            assertThat(auto.reason()).containsPattern("^/var/lib/dpkg/status:\\d+: ").doesNotContainPattern("[\\x00-\\x1f\\x7f\\ufffd]");
        }
        // with a readable dpkg database the APT files are read: the include loop is the error
        t.file("/var/lib/dpkg/status", UpdateHosts.dpkgStatus("unattended-upgrades 2.9.1+nmu3"));
        Report r = Runner.run(t.host(), TargetKind.ROOTFS, null, "baseline", UpdateChecks.all(), Tree.NOW);
        for (Result res : r.results()) {
            if (res.id().equals("update.auto") || res.id().equals("update.security-origin")) {
                assertThat(res.status()).isEqualTo(Status.ERROR);
                assertThat(res.reason()).isEqualTo("/etc/apt/apt.conf.d/10loop:1: syntax error: too many nested includes");
            }
        }
    }
}
