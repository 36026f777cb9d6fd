package org.vmguard.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class WebNoTlsTest {

    @TempDir
    Path dir;

    final WebNoTls check = new WebNoTls();

    @Test
    void debianApacheDefaultsServeOnlyPlainHttp() {
        Outcome o = check.evaluate(WebFixtures.apache(dir).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).anyMatch(e -> "/etc/apache2/ports.conf".equals(e.path()) && e.text().equals("Listen 80"));
    }

    @Test
    void modSslWithoutAnSslSiteStillFails() {
        Tree t = WebFixtures.enableModule(WebFixtures.apache(dir), "ssl.load", "ssl.conf", "socache_shmcb.load");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void theDefaultSslSitePasses() {
        Outcome o = check.evaluate(WebFixtures.enableSslSite(WebFixtures.apache(dir)).host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence().get(0).path()).isEqualTo("/etc/apache2/sites-enabled/default-ssl.conf");
    }

    @Test
    void nginxListenSslPasses() {
        Tree t = WebFixtures.nginx(dir).file("/etc/nginx/conf.d/tls.conf", "server {\n listen [::]:443 ssl http2;\n}\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void nginxDefaultsFail() {
        assertThat(check.evaluate(WebFixtures.nginx(dir).host())).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void bothServersNeedTls() {
        Tree t = WebFixtures.enableSslSite(WebFixtures.both(dir));
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).startsWith("nginx");
    }

    @Test
    void theEvidenceNamesOnlyTheServerWithoutTls() {
        Tree t = WebFixtures.enableSslSite(WebFixtures.both(dir));
        Outcome o = check.evaluate(t.host());
        assertThat(o.evidence()).extracting(e -> e.path()).containsExactly("/usr/sbin/nginx");
    }

    @Test
    void noWebServerSkips() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }
}
