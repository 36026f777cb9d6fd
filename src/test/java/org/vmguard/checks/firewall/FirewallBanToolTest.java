package org.vmguard.checks.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class FirewallBanToolTest {

    @TempDir
    Path dir;

    final FirewallBanTool check = new FirewallBanTool();

    static Tree fail2ban(Tree t, boolean enabled) {
        t.resources("packages/fail2ban").file("/usr/bin/fail2ban-server", "#!/usr/bin/python3\n")
                .file("/usr/lib/systemd/system/fail2ban.service", "[Unit]\n");
        if (enabled) {
            t.symlink("/etc/systemd/system/multi-user.target.wants/fail2ban.service",
                    "../../../../usr/lib/systemd/system/fail2ban.service");
        }
        return t;
    }

    @Test
    void passesWhenFail2banIsEnabledInAnImage() {
        Outcome o = Evaluate.on(check, fail2ban(new Tree(dir), true).host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).singleElement().satisfies(e ->
                assertThat(e.path()).isEqualTo("/etc/systemd/system/multi-user.target.wants/fail2ban.service"));
    }

    @Test
    void failsWhenFail2banIsInstalledButNotEnabled() {
        Outcome o = Evaluate.on(check, fail2ban(new Tree(dir), false).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("installed but not active: fail2ban");
    }

    @Test
    void failsWhenNoBanToolIsInstalled() {
        Outcome o = Evaluate.on(check, new Tree(dir).dir("/etc").host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("none of fail2ban, denyhosts, sshguard or CrowdSec");
    }

    @Test
    void onALiveHostARunningProcessDecides() {
        var tree = fail2ban(new Tree(dir), false).file("/proc/812/comm", "fail2ban-server\n")
                .file("/proc/812/cmdline", "/usr/bin/python3\0/usr/bin/fail2ban-server\0-xf\0start\0");
        Outcome o = Evaluate.on(check, tree.liveHost());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence().get(0).text()).contains("pid 812");
    }

    @Test
    void isAnErrorWhenTheUnitDirectoryCannotBeRead() {
        // a symlink loop: the kernel (and the rootfs target) give up with "too many levels of symbolic links"
        var tree = new Tree(dir).resources("packages/fail2ban").file("/usr/bin/fail2ban-server", "")
                .symlink("/etc/systemd/system", "/etc/systemd/system");
        Outcome o = Evaluate.on(check, tree.host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/systemd/system");
    }
}
