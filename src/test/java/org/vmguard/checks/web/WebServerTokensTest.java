package org.vmguard.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class WebServerTokensTest {

    @TempDir
    Path dir;

    final WebServerTokens check = new WebServerTokens();

    @Test
    void debianApacheSecurityConfSaysOsAndSignatureOnSoItFails() {
        Outcome o = check.evaluate(WebFixtures.apache(dir).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("ServerTokens OS").contains("ServerSignature On");
        assertThat(o.evidence().get(0).path()).isEqualTo("/etc/apache2/conf-enabled/security.conf");
    }

    @Test
    void apacheProdAndSignatureOffPasses() {
        Tree t = WebFixtures.apache(dir).file("/etc/apache2/conf-enabled/zz.conf", "ServerTokens Prod\nServerSignature Off\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void apacheWithoutServerTokensUsesTheFullDefault() {
        Tree t = WebFixtures.apache(dir).file("/etc/apache2/conf-enabled/security.conf", "ServerSignature Off\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("ServerTokens Full");
    }

    @Test
    void aSignatureOnInsideAVirtualHostFails() {
        Tree t = WebFixtures.apache(dir).file("/etc/apache2/conf-enabled/zz.conf", "ServerTokens Prod\nServerSignature Off\n")
                .file("/etc/apache2/sites-enabled/001.conf", "<VirtualHost *:80>\nServerSignature EMail\n</VirtualHost>\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).anyMatch(e -> e.path() != null && e.path().endsWith("001.conf") && e.line() == 2);
    }

    @Test
    void nginxDefaultServerTokensOnFails() {
        assertThat(check.evaluate(WebFixtures.nginx(dir).host())).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void nginxServerTokensOffPassesUnlessAServerTurnsItOn() throws Exception {
        Tree t = WebFixtures.nginx(dir);
        String conf = java.nio.file.Files.readString(t.at("/etc/nginx/nginx.conf"));
        t.file("/etc/nginx/nginx.conf", conf.replace("# server_tokens off;", "server_tokens off;"));
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
        t.file("/etc/nginx/conf.d/x.conf", "server {\n listen 127.0.0.1:81;\n location / { server_tokens build; }\n}\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).anyMatch(e -> "/etc/nginx/conf.d/x.conf".equals(e.path()) && e.line() == 3);
    }

    @Test
    void noWebServerSkips() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void brokenNginxConfigurationIsAnError() {
        Tree t = WebFixtures.nginx(dir).file("/etc/nginx/conf.d/x.conf", "server {\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/nginx/conf.d/x.conf");
    }
}
