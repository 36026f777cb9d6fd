package org.vmguard.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class WebUserdirTest {

    @TempDir
    Path dir;

    final WebUserdir check = new WebUserdir();

    @Test
    void debianDefaultsWithoutUserdirPass() {
        assertThat(check.evaluate(WebFixtures.apache(dir).host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void enablingUserdirFailsWithItsLoadModuleLine() {
        Tree t = WebFixtures.enableModule(WebFixtures.apache(dir), "userdir.load", "userdir.conf");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence().get(0).path()).isEqualTo("/etc/apache2/mods-enabled/userdir.load");
        assertThat(o.evidence().get(0).text()).startsWith("LoadModule userdir_module");
    }

    @Test
    void userdirInsideAFalseIfModuleIsNotLoaded() {
        Tree t = WebFixtures.apache(dir).file("/etc/apache2/conf-enabled/zz.conf",
                "<IfModule mod_nothere.c>\nLoadModule userdir_module /usr/lib/apache2/modules/mod_userdir.so\n</IfModule>\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void userdirLoadedButDisabledForEveryonePasses() {
        Tree t = WebFixtures.enableModule(WebFixtures.apache(dir), "userdir.load")
                .file("/etc/apache2/conf-enabled/zz.conf", "UserDir disabled\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void noWebServerSkips() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void nginxAloneSkips() {
        assertThat(check.evaluate(WebFixtures.nginx(dir).host()).reason()).contains("Apache is not installed");
    }

    @Test
    void brokenApacheConfigurationIsAnErrorNamingFileAndLine() {
        Tree t = WebFixtures.apache(dir).file("/etc/apache2/conf-enabled/zz.conf", "<Directory /x>\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/apache2/conf-enabled/zz.conf:1");
    }
}
