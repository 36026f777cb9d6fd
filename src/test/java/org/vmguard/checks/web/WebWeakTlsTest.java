package org.vmguard.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class WebWeakTlsTest {

    @TempDir
    Path dir;

    final WebWeakTls check = new WebWeakTls();

    @Test
    void debianDefaultSslSiteAllowsTls10And11AndFails() {
        Outcome o = check.evaluate(WebFixtures.enableSslSite(WebFixtures.apache(dir)).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("TLSv1, TLSv1.1");
        assertThat(o.evidence()).anyMatch(e -> "/etc/apache2/mods-enabled/ssl.conf".equals(e.path())
                && e.text().equals("SSLProtocol all -SSLv3"));
        assertThat(o.evidence()).anyMatch(e -> e.text().contains("OpenSSL 3"));
    }

    @Test
    void apacheMinusAllPlusTls12Passes() {
        Tree t = WebFixtures.enableSslSite(WebFixtures.apache(dir)).file("/etc/apache2/conf-enabled/zz.conf",
                "SSLProtocol -all +TLSv1.2 +TLSv1.3\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void aVirtualHostsOwnSslProtocolOverridesTheServers() {
        Tree t = WebFixtures.enableSslSite(WebFixtures.apache(dir)).file("/etc/apache2/conf-enabled/zz.conf",
                "SSLProtocol TLSv1.2\n").file("/etc/apache2/sites-enabled/old.conf",
                "<VirtualHost *:8443>\nSSLEngine on\nSSLProtocol TLSv1.2 +TLSv1\n</VirtualHost>\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("TLSv1").doesNotContain("TLSv1.1");
    }

    @Test
    void aWordWithoutSignReplacesWhatCameBefore() {
        Tree t = WebFixtures.enableSslSite(WebFixtures.apache(dir)).file("/etc/apache2/conf-enabled/zz.conf",
                "SSLProtocol all TLSv1.3\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void nginxDebianProtocolsFailOnATlsServer() {
        Tree t = WebFixtures.nginx(dir).file("/etc/nginx/conf.d/tls.conf",
                "server {\n listen 127.0.0.1:443 ssl;\n ssl_certificate x.pem;\n}\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).anyMatch(e -> "/etc/nginx/nginx.conf".equals(e.path()) && e.text().startsWith("ssl_protocols"));
    }

    @Test
    void nginxServerWithModernProtocolsPasses() {
        Tree t = WebFixtures.nginx(dir).file("/etc/nginx/conf.d/tls.conf",
                "server {\n listen 443 ssl;\n ssl_protocols TLSv1.2 TLSv1.3;\n}\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void withoutAnyTlsSiteItSkips() {
        assertThat(check.evaluate(WebFixtures.apache(dir).host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void anUnknownProtocolIsAnErrorNamingTheLine() {
        Tree t = WebFixtures.enableSslSite(WebFixtures.apache(dir)).file("/etc/apache2/conf-enabled/zz.conf",
                "SSLProtocol +TLSv9\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/apache2/conf-enabled/zz.conf:1");
    }

    @Test
    void nginxWithoutSslProtocolsUsesTheDefaultOfItsVersion() throws Exception {
        Tree t = WebFixtures.nginx(dir);
        String conf = Files.readString(t.at("/etc/nginx/nginx.conf"));
        t.file("/etc/nginx/nginx.conf", conf.replaceAll("(?m)^\\s*ssl_protocols.*$", ""))
                .file("/etc/nginx/conf.d/tls.conf", "server {\n listen 443 ssl;\n}\n")
                .file("/var/lib/dpkg/status", "Package: nginx\nStatus: install ok installed\nArchitecture: amd64\n"
                        + "Version: 1.22.1-9+deb12u1\n\n");
        Outcome old = check.evaluate(t.host());
        assertThat(old).isInstanceOf(Outcome.Fail.class);
        assertThat(old.evidence()).anyMatch(e -> e.text().contains("before nginx 1.23.4; nginx 1.22.1-9+deb12u1"));
        t.file("/var/lib/dpkg/status", "Package: nginx\nStatus: install ok installed\nArchitecture: amd64\n"
                + "Version: 1.26.3-3\n\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }
}
