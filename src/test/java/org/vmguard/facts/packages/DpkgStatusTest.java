package org.vmguard.facts.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.vmguard.facts.ParseError;
import org.vmguard.testing.Tools;

class DpkgStatusTest {

    @Test
    void keepsOnlyInstalledPackagesWithTheirLine() {
        var pkgs = DpkgStatus.parse("/var/lib/dpkg/status", """
                Package: unattended-upgrades
                Status: install ok installed
                Priority: optional
                Version: 2.9.1+nmu3
                Architecture: all
                Description: automatic installation of security upgrades
                 This package can download and install security upgrades.

                Package: nano
                Status: deinstall ok config-files
                Version: 7.2-1

                Package: linux-image-6.1.0-28-amd64
                Status: hold ok installed
                Version: 6.1.119-1
                Architecture: amd64
                """);
        assertThat(pkgs).extracting(InstalledPackages.Package::name)
                .containsExactly("unattended-upgrades", "linux-image-6.1.0-28-amd64");
        assertThat(pkgs.getFirst().line()).isEqualTo(1);
        assertThat(pkgs.get(1).line()).isEqualTo(13);
        assertThat(pkgs.get(1).version()).isEqualTo("6.1.119-1");
    }

    @Test
    void aLineWithoutColonIsAParseErrorNamingTheLine() {
        assertThatThrownBy(() -> DpkgStatus.parse("/var/lib/dpkg/status", "Package: a\nStatus install\n"))
                .isInstanceOf(ParseError.class).hasMessageStartingWith("/var/lib/dpkg/status:2: ");
    }

    /** This machine's own dpkg database, judged by dpkg-query. */
    @Test
    void agreesWithDpkgQueryOnThisMachine() throws Exception {
        Tools.require("/usr/bin/dpkg-query");
        String text = Files.readString(Path.of("/var/lib/dpkg/status"), StandardCharsets.UTF_8);
        TreeSet<String> ours = new TreeSet<>();
        for (var p : DpkgStatus.parse("/var/lib/dpkg/status", text)) {
            ours.add(p.name() + ":" + p.arch() + " " + p.version());
        }
        Process proc = new ProcessBuilder("dpkg-query", "-W", "-f", "${db:Status-Status} ${Package}:${Architecture} ${Version}\\n")
                .start();
        List<String> lines = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        proc.waitFor();
        TreeSet<String> theirs = new TreeSet<>();
        for (String l : lines) {
            if (l.startsWith("installed ")) {
                theirs.add(l.substring("installed ".length()));
            }
        }
        assertThat(theirs).isNotEmpty();
        assertThat(ours).isEqualTo(theirs);
    }
}
