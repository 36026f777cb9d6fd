package org.vmguard.checks.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.vmguard.testing.Tree;

/** Fixture hosts built from real package defaults (Debian) and documented defaults (Ubuntu, Rocky). */
final class UpdateHosts {

    /**
     * From /etc/systemd/system/timers.target.wants/ back to the root. systemctl writes absolute
     * links; relative ones resolve the same inside the root and keep JUnit from warning about
     * links that leave the temporary directory.
     */
    static final String RELATIVE = "../../../../";

    private UpdateHosts() {
    }

    static String resource(String name) {
        String path = name.startsWith("/") ? name : "/org/vmguard/checks/update/" + name;
        try (InputStream in = UpdateHosts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String aptDefault(String name) {
        return resource("/org/vmguard/facts/apt/debian12-defaults/" + name);
    }

    static String dpkgStatus(String... packages) {
        StringBuilder b = new StringBuilder();
        for (String p : packages) {
            String[] nv = p.split(" ");
            b.append("Package: ").append(nv[0]).append("\nStatus: install ok installed\nPriority: optional\n")
                    .append("Version: ").append(nv.length > 1 ? nv[1] : "1.0").append("\nArchitecture: all\n")
                    .append("Description: test\n a package\n\n");
        }
        return b.toString();
    }

    /** Debian 12 with unattended-upgrades installed and enabled as its postinst leaves it. */
    static Tree debian12(Path dir) {
        return new Tree(dir)
                .file("/etc/os-release", resource("os-release-debian12"))
                .file("/var/lib/dpkg/status", dpkgStatus("apt 2.6.1", "unattended-upgrades 2.9.1+nmu3"))
                .file("/etc/apt/apt.conf.d/01autoremove", aptDefault("01autoremove"))
                .file("/etc/apt/apt.conf.d/20auto-upgrades", aptDefault("20auto-upgrades"))
                .file("/etc/apt/apt.conf.d/50unattended-upgrades", aptDefault("50unattended-upgrades"))
                .file("/usr/lib/systemd/systemd", "")
                .file("/usr/lib/systemd/system/apt-daily-upgrade.timer", "[Timer]\nOnCalendar=*-*-* 6:00\n")
                .symlink("/etc/systemd/system/timers.target.wants/apt-daily-upgrade.timer",
                        RELATIVE + "usr/lib/systemd/system/apt-daily-upgrade.timer");
    }

    /** Ubuntu 24.04 with its own Allowed-Origins defaults. */
    static Tree ubuntu2404(Path dir) {
        return new Tree(dir)
                .file("/etc/os-release", resource("os-release-ubuntu2404"))
                .file("/var/lib/dpkg/status", dpkgStatus("apt 2.7.14build2", "unattended-upgrades 2.9.1+nmu4ubuntu1"))
                .file("/etc/apt/apt.conf.d/20auto-upgrades", aptDefault("20auto-upgrades"))
                .file("/etc/apt/apt.conf.d/50unattended-upgrades", resource("50unattended-upgrades-ubuntu2404"))
                .file("/usr/lib/systemd/systemd", "")
                .file("/usr/lib/systemd/system/apt-daily-upgrade.timer", "[Timer]\n")
                .symlink("/etc/systemd/system/timers.target.wants/apt-daily-upgrade.timer",
                        RELATIVE + "usr/lib/systemd/system/apt-daily-upgrade.timer");
    }

    /** Rocky 9 with dnf-automatic installed (its files only; the RPM database is added per test). */
    static Tree rocky9(Path dir) {
        return new Tree(dir)
                .file("/etc/os-release", resource("os-release-rocky9"))
                .file("/etc/dnf/automatic.conf", resource("automatic.conf-rocky9"))
                .file("/usr/lib/systemd/systemd", "")
                .file("/usr/lib/systemd/system/dnf-automatic.timer", "[Timer]\nOnCalendar=*-*-* 6:00\n")
                .file("/usr/lib/systemd/system/dnf-automatic-install.timer", "[Timer]\nOnCalendar=*-*-* 6:00\n");
    }

    /** An executable script at /usr/bin/NAME in the tree, run by {@link LiveRoot}. */
    static Tree program(Tree tree, String name, String script) {
        tree.file("/usr/bin/" + name, "#!/bin/sh\n" + script);
        try {
            Files.setPosixFilePermissions(tree.at("/usr/bin/" + name), PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tree;
    }
}
