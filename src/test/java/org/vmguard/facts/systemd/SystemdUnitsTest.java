package org.vmguard.facts.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Tree;

class SystemdUnitsTest {

    @TempDir
    Path dir;

    Tree units() {
        return new Tree(dir).resources("packages/systemd")
                .file("/usr/lib/systemd/system/ssh.service", "[Install]\nAlias=sshd.service\n")
                .file("/usr/lib/systemd/system/rsyslog.service", "[Unit]\n")
                .file("/usr/lib/systemd/system/getty@.service", "[Unit]\n")
                .file("/usr/lib/systemd/system/systemd-resolved.service", "[Unit]\n")
                .file("/usr/lib/systemd/system/cups.service", "[Unit]\n")
                .symlink("/etc/systemd/system/sshd.service", "/usr/lib/systemd/system/ssh.service")
                .symlink("/etc/systemd/system/multi-user.target.wants/ssh.service", "/usr/lib/systemd/system/ssh.service")
                .symlink("/etc/systemd/system/getty.target.wants/getty@tty1.service", "/usr/lib/systemd/system/getty@.service")
                .symlink("/etc/systemd/system/rsyslog.service", "/dev/null");
    }

    @Test
    void anAliasSharesItsUnitsEnablement() {
        SystemdUnits u = units().host().fact(SystemdUnits.KEY);
        assertThat(u.state("ssh.service").kind()).isEqualTo(SystemdUnits.Kind.ENABLED);
        assertThat(u.state("sshd.service").kind()).isEqualTo(SystemdUnits.Kind.ENABLED);
        assertThat(u.state("ssh.service").evidence()).singleElement()
                .satisfies(e -> assertThat(e.path()).isEqualTo("/etc/systemd/system/multi-user.target.wants/ssh.service"));
    }

    @Test
    void aLinkToDevNullMasksTheUnit() {
        SystemdUnits.State s = units().host().fact(SystemdUnits.KEY).state("rsyslog.service");
        assertThat(s.kind()).isEqualTo(SystemdUnits.Kind.MASKED);
        assertThat(s.enabled()).isFalse();
        assertThat(s.evidence().get(0).path()).isEqualTo("/etc/systemd/system/rsyslog.service");
    }

    @Test
    void instancesOfTemplatesAreFound() {
        SystemdUnits u = units().host().fact(SystemdUnits.KEY);
        assertThat(u.state("getty@tty1.service").kind()).isEqualTo(SystemdUnits.Kind.ENABLED);
        assertThat(u.state("getty@tty2.service").kind()).isEqualTo(SystemdUnits.Kind.PRESET_ENABLED);
    }

    @Test
    void anImagesExplicitPresetEnablesAUnitNotLinkedYet() {
        SystemdUnits u = units().host().fact(SystemdUnits.KEY);
        SystemdUnits.State resolved = u.state("systemd-resolved.service");
        assertThat(resolved.kind()).isEqualTo(SystemdUnits.Kind.PRESET_ENABLED);
        assertThat(resolved.evidence().get(0).where()).startsWith("/usr/lib/systemd/system-preset/90-systemd.preset:");
        assertThat(u.state("cups.service").kind()).isEqualTo(SystemdUnits.Kind.DISABLED);
        assertThat(u.state("nothing.service").kind()).isEqualTo(SystemdUnits.Kind.NOT_FOUND);
    }

    @Test
    void anEtcPresetFileHidesTheVendorFileOfTheSameName() {
        var t = units().file("/etc/systemd/system-preset/90-systemd.preset", "disable *\n");
        assertThat(t.host().fact(SystemdUnits.KEY).state("systemd-resolved.service").kind())
                .isEqualTo(SystemdUnits.Kind.DISABLED);
    }

    @Test
    void presetsDoNotApplyOnALiveHostAndActivityIsUnknownWithoutSystemdAsPid1() {
        var t = units().file("/proc/1/comm", "process_api\n");
        SystemdUnits u = t.liveHost().fact(SystemdUnits.KEY);
        assertThat(u.state("systemd-resolved.service").kind()).isEqualTo(SystemdUnits.Kind.DISABLED);
        assertThat(u.isActive("ssh.service")).isEmpty();
        assertThat(u.activeNote()).contains("PID 1 is process_api");
    }
}
