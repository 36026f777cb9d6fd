package org.vmguard.checks.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class ServiceUnneededTest {

    @TempDir
    Path dir;

    final ServiceUnneeded check = new ServiceUnneeded();

    @Test
    void failsForEnabledCupsAndAvahiNamingTheirLinks() {
        Tree t = new Tree(dir).file("/lib/systemd/system/cups.service", "[Unit]\n")
                .file("/lib/systemd/system/avahi-daemon.service", "[Unit]\n")
                .symlink("/etc/systemd/system/multi-user.target.wants/cups.service", "/lib/systemd/system/cups.service")
                .symlink("/etc/systemd/system/multi-user.target.wants/avahi-daemon.service", "/lib/systemd/system/avahi-daemon.service");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("cups.service").contains("avahi-daemon.service");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.path()).endsWith("multi-user.target.wants/cups.service"));
    }

    @Test
    void passesWhenTheyAreInstalledButMasked() {
        Tree t = new Tree(dir).file("/lib/systemd/system/cups.service", "[Unit]\n")
                .symlink("/etc/systemd/system/cups.service", "/dev/null");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }
}
