package org.vmguard.checks.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.facts.packages.RpmDbTest;
import org.vmguard.testing.Tools;
import org.vmguard.testing.Tree;

class UpdateAutoTest {

    @TempDir
    Path dir;

    final UpdateAuto check = new UpdateAuto();

    @Test
    void passesOnDebianAsTheUnattendedUpgradesPackageLeavesIt() {
        Outcome o = check.evaluate(UpdateHosts.debian12(dir).host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo("/etc/apt/apt.conf.d/20auto-upgrades");
            assertThat(e.line()).isEqualTo(2);
        });
    }

    @Test
    void passesOnUbuntu() {
        assertThat(check.evaluate(UpdateHosts.ubuntu2404(dir).host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsWhenUnattendedUpgradesIsNotInstalled() {
        Tree t = UpdateHosts.debian12(dir).file("/var/lib/dpkg/status", UpdateHosts.dpkgStatus("apt 2.6.1"));
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("not installed");
        assertThat(o.evidence()).singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("/var/lib/dpkg/status"));
    }

    @Test
    void failsWhenDebconfLeftItDisabled() {
        Tree t = UpdateHosts.debian12(dir).file("/etc/apt/apt.conf.d/20auto-upgrades",
                UpdateHosts.aptDefault("20auto-upgrades-disabled"));
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("\"0\"");
    }

    @Test
    void failsWhenALaterFileTurnsItOffAndNamesThatFile() {
        Tree t = UpdateHosts.debian12(dir).file("/etc/apt/apt.conf.d/99local",
                "// local override\nAPT { Periodic { Unattended-Upgrade \"0\"; }; };\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo("/etc/apt/apt.conf.d/99local");
            assertThat(e.line()).isEqualTo(2);
        });
    }

    @Test
    void failsWhenTheSettingIsAbsent() {
        Tree t = UpdateHosts.debian12(dir).file("/etc/apt/apt.conf.d/20auto-upgrades", "// emptied\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Fail.class)
                .extracting(Outcome::reason).asString().contains("not set");
    }

    @Test
    void failsWhenPeriodicJobsAreDisabledAltogether() {
        Tree t = UpdateHosts.debian12(dir).file("/etc/apt/apt.conf.d/10periodic", "APT::Periodic::Enable \"0\";\n");
        assertThat(check.evaluate(t.host()).reason()).contains("APT::Periodic::Enable");
    }

    @Test
    void failsWhenItRunsOnlyWeekly() {
        Tree t = UpdateHosts.debian12(dir).file("/etc/apt/apt.conf.d/20auto-upgrades",
                "APT::Periodic::Update-Package-Lists \"1\";\nAPT::Periodic::Unattended-Upgrade \"7\";\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("every 7 days");
    }

    @Test
    void failsWhenTheListsAreNeverRefreshed() {
        Tree t = UpdateHosts.debian12(dir).file("/etc/apt/apt.conf.d/20auto-upgrades",
                "APT::Periodic::Update-Package-Lists \"0\";\nAPT::Periodic::Unattended-Upgrade \"1\";\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("Update-Package-Lists is \"0\"");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.line()).isEqualTo(1));
    }

    @Test
    void failsWhenTheTimerIsMasked() {
        Tree t = UpdateHosts.debian12(dir).symlink("/etc/systemd/system/apt-daily-upgrade.timer", "/dev/null");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("masked");
    }

    @Test
    void withoutSystemdCronsAptCompatCounts() {
        Tree t = UpdateHosts.debian12(dir);
        t.at("/usr/lib/systemd/systemd").toFile().delete();
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Fail.class);
        t.file("/etc/cron.daily/apt-compat", "#!/bin/sh\nexec /usr/lib/apt/apt.systemd.daily\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void aSyntaxErrorInAptConfigurationIsAnErrorNamingTheLine() {
        Tree t = UpdateHosts.debian12(dir).file("/etc/apt/apt.conf.d/30broken", "APT::Periodic::X \"1\" junk;\n");
        var host = t.host();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> check.evaluate(host))
                .hasMessageContaining("/etc/apt/apt.conf.d/30broken:1");
    }

    @Test
    void rockyWithTheInstallTimerEnabledPasses() {
        Tree t = UpdateHosts.rocky9(dir).symlink("/etc/systemd/system/timers.target.wants/dnf-automatic-install.timer",
                UpdateHosts.RELATIVE + "usr/lib/systemd/system/dnf-automatic-install.timer");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void rockyWithTheDownloadOnlyDefaultFailsOnApplyUpdates() {
        Tree t = UpdateHosts.rocky9(dir).symlink("/etc/systemd/system/timers.target.wants/dnf-automatic.timer",
                UpdateHosts.RELATIVE + "usr/lib/systemd/system/dnf-automatic.timer");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo("/etc/dnf/automatic.conf");
            assertThat(e.text()).isEqualTo("apply_updates = no");
            assertThat(e.line()).isEqualTo(22);
        });
        t.file("/etc/dnf/automatic.conf", "[commands]\napply_updates = yes\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void rockyWithNoTimerEnabledFails() {
        Outcome o = check.evaluate(UpdateHosts.rocky9(dir).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("no timer");
    }

    @Test
    void rockyWithoutDnfAutomaticInItsRpmDatabaseFails() throws Exception {
        Tools.require("/usr/bin/rpmbuild");
        Tree t = UpdateHosts.rocky9(dir);
        RpmDbTest.install(dir, List.<String[]>of(new String[] {"dnf", "4.14.0", "17.el9", ""}));
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).isEqualTo("dnf-automatic is not installed");
    }

    @Test
    void aDebianHostWithoutDpkgsDatabaseIsAnError() {
        Tree t = UpdateHosts.debian12(dir);
        t.at("/var/lib/dpkg/status").toFile().delete();
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Error.class);
    }

    @Test
    void skipsAnOsItDoesNotKnow() {
        var host = new Tree(dir).file("/etc/os-release", "ID=alpine\nVERSION_ID=3.20.0\n").host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Skip.class);
        var none = new Tree(dir.resolve("x")).dir("/etc").host();
        assertThat(check.evaluate(none)).isInstanceOf(Outcome.Skip.class);
        var noId = new Tree(dir.resolve("y")).file("/etc/os-release", "NAME=\"Something\"\n").host();
        assertThat(check.evaluate(noId).reason()).isEqualTo("/etc/os-release names no ID: the OS and its update tool are unknown");
    }
}
