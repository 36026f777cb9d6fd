package org.vmguard.checks.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class AdviceSecurityAnnouncementsTest {

    @TempDir
    Path dir;

    final AdviceSecurityAnnouncements check = new AdviceSecurityAnnouncements();

    Outcome on(String osRelease) {
        return Evaluate.on(check, new Tree(dir).file("/etc/os-release", osRelease).host());
    }

    @Test
    void namesTheUsnForUbuntu() {
        Outcome o = on("ID=ubuntu\nID_LIKE=debian\nPRETTY_NAME=\"Ubuntu 24.04 LTS\"\n");
        assertThat(o).isInstanceOf(Outcome.Info.class);
        assertThat(o.reason()).contains("USN").contains("Ubuntu 24.04");
    }

    @Test
    void namesDebianSecurityAnnounceForDebian() {
        Outcome o = on("ID=debian\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
        assertThat(o.reason()).contains("DSA");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.text()).contains("lists.debian.org/debian-security-announce"));
    }

    @Test
    void namesTheDistributionsOwnListBeforeItsParents() {
        assertThat(on("ID=rocky\nID_LIKE=\"rhel centos fedora\"\n").reason()).contains("Rocky");
        assertThat(on("ID=almalinux\nID_LIKE=\"rhel centos fedora\"\n").reason()).contains("AlmaLinux");
        assertThat(on("ID=rhel\nID_LIKE=fedora\n").reason()).contains("RHSA");
    }

    @Test
    void staysInfoForAnUnknownOrMissingOs() {
        assertThat(on("ID=plan9\n")).isInstanceOf(Outcome.Info.class);
        assertThat(Evaluate.on(check, new Tree(dir.resolve("a")).dir("/etc").host())).isInstanceOf(Outcome.Info.class);
        assertThat(Evaluate.on(check, new Tree(dir.resolve("b")).symlink("/etc", "/etc").host())).isInstanceOf(Outcome.Info.class);
    }
}
