package org.vmguard.facts.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.facts.logging.Journald;
import org.vmguard.facts.logging.Logrotate;
import org.vmguard.facts.logging.Syslog;
import org.vmguard.testing.Tree;

/** What the readers make of Debian 12's pristine package files. */
class PackageDefaultsTest {

    @TempDir
    Path dir;

    @Test
    void firewalldsPublicZoneAllowsSshAndRejectsTheRest() {
        var t = new Tree(dir).resources("packages/firewalld").file("/usr/lib/systemd/system/firewalld.service", "[Unit]\n");
        Firewall fw = t.host().fact(Firewall.KEY);
        Firewall.Tool tool = fw.tools().get(0);
        assertThat(tool.name()).isEqualTo("firewalld");
        assertThat(tool.enabled()).isFalse();
        assertThat(tool.ruleset().defaultDeny()).isPresent();
        assertThat(tool.ruleset().admits(22).admitted()).isTrue();
        assertThat(tool.ruleset().admits(22).evidence().path()).isEqualTo("/usr/lib/firewalld/zones/public.xml");
        assertThat(tool.ruleset().admits(80).admitted()).isFalse();
    }

    @Test
    void ufwShipsDisabledWithADropPolicyAndNoUserRules() {
        var t = new Tree(dir).resources("packages/ufw");
        t.file("/etc/ufw/ufw.conf", readResource("packages/ufw/usr/share/ufw/ufw.conf"))
                .file("/etc/ufw/user.rules", readResource("packages/ufw/usr/share/ufw/user.rules"));
        Firewall.Tool ufw = t.host().fact(Firewall.KEY).tools().get(0);
        assertThat(ufw.enabled()).isFalse();
        assertThat(ufw.enabledBy().text()).isEqualTo("ENABLED=no");
        assertThat(ufw.ruleset().defaultDeny()).isPresent();
        assertThat(ufw.ruleset().admits(22).admitted()).isFalse();
    }

    @Test
    void debiansNftablesConfAcceptsEverything() {
        var t = new Tree(dir).resources("packages/nftables").file("/usr/lib/systemd/system/nftables.service", "[Unit]\n");
        Firewall.Tool nft = t.host().fact(Firewall.KEY).tools().get(0);
        assertThat(nft.ruleset().inputs()).hasSize(1);
        assertThat(nft.ruleset().filters()).isFalse();
    }

    @Test
    void journaldDefaultsToAutoAndLogrotateKeepsAuthLogFourWeeks() {
        var t = new Tree(dir).resources("packages/systemd").resources("packages/logrotate").resources("packages/rsyslog");
        Journald j = t.host().fact(Journald.KEY);
        assertThat(j.storageValue()).isEqualTo("auto");
        assertThat(j.persistent()).isFalse();
        Logrotate.Settings s = t.host().fact(Logrotate.KEY).forFile("/var/log/auth.log").orElseThrow().settings();
        assertThat(s.days()).isEqualTo(28);
        assertThat(t.host().fact(Syslog.KEY).daemons()).singleElement()
                .satisfies(d -> assertThat(d.forwards()).isEmpty());
    }

    @Test
    void systemdTimeSpansFollowSystemd() {
        assertThat(Journald.seconds("f", 1, "1month")).isEqualTo((long) (30.44 * 86400));
        assertThat(Journald.seconds("f", 1, "2w 1d")).isEqualTo(15 * 86400);
        assertThat(Journald.seconds("f", 1, "90")).isEqualTo(90);
        assertThat(Journald.seconds("f", 1, "3M")).isEqualTo((long) (3 * 30.44 * 86400));
        assertThat(Journald.seconds("f", 1, "5m")).isEqualTo(300);
    }

    static String readResource(String r) {
        try {
            return java.nio.file.Files.readString(Path.of("src/test/resources", r));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
