package org.vmguard.checks.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class ImageCloudInitTest {

    @TempDir
    Path dir;

    final ImageCloudInit check = new ImageCloudInit();

    Tree cloudInit() {
        return new Tree(dir).file("/usr/bin/cloud-init", "#!/usr/bin/python3\n")
                .file("/etc/cloud/cloud.cfg", "users:\n  - default\ndisable_root: true\n");
    }

    @Test
    void passesWithDebiansDatasourceListWhichHasOpenStack() {
        var t = cloudInit().file("/etc/cloud/cloud.cfg.d/90_dpkg.cfg", """
                # to update this file, run dpkg-reconfigure cloud-init
                datasource_list: [ NoCloud, ConfigDrive, OpenNebula, DigitalOcean, Azure, AltCloud, OVF, MAAS, GCE, OpenStack, CloudSigma, SmartOS, Bigstep, Scaleway, AliYun, Ec2, CloudStack, Hetzner, IBMCloud, Oracle, Exoscale, RbxCloud, UpCloud, VMware, Vultr, LXD, NWCS, None ]
                """);
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).singleElement().satisfies(e -> assertThat(e.where()).isEqualTo("/etc/cloud/cloud.cfg.d/90_dpkg.cfg:2"));
    }

    @Test
    void aLaterFileNarrowingTheListToNoCloudFails() {
        var t = cloudInit().file("/etc/cloud/cloud.cfg.d/90_dpkg.cfg", "datasource_list: [ OpenStack, None ]\n")
                .file("/etc/cloud/cloud.cfg.d/99_local.cfg", "datasource_list:\n  - NoCloud\n  - None\n");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("/etc/cloud/cloud.cfg.d/99_local.cfg"));
    }

    @Test
    void failsWhenCloudInitIsMissingOrDisabled() {
        assertThat(Evaluate.on(check, new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Fail.class)
                .extracting(Outcome::reason).asString().contains("not installed");
        var t = cloudInit().file("/etc/cloud/cloud-init.disabled", "");
        assertThat(Evaluate.on(check, t.host())).isInstanceOf(Outcome.Fail.class)
                .extracting(Outcome::reason).asString().contains("disabled");
    }

    @Test
    void passesWhenNoDatasourceListIsSet() {
        assertThat(Evaluate.on(check, cloudInit().host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void reportsInfoOnALiveHost() {
        assertThat(Evaluate.on(check, new Tree(dir).dir("/etc").liveHost())).isInstanceOf(Outcome.Info.class);
    }

    @Test
    void isAnErrorNamingTheLineOfMalformedYaml() {
        var t = cloudInit().file("/etc/cloud/cloud.cfg.d/50_bad.cfg", "a: 1\ndatasource_list: [ OpenStack\n");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/cloud/cloud.cfg.d/50_bad.cfg:");
    }

    @Test
    void aHugeLineIsAnErrorNamingItBeforeTheYamlParserSpendsMinutesOnIt() {
        // SnakeYAML's time grows with the square of a scalar's length: 10 MB on one line took 50 s
        var t = cloudInit().file("/etc/cloud/cloud.cfg.d/90_big.cfg", "a: 1\nssh_pwauth: " + "x".repeat(70_000) + "\n");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).isEqualTo("/etc/cloud/cloud.cfg.d/90_big.cfg:2: line longer than 65536 characters");
    }
}
