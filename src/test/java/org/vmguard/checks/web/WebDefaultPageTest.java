package org.vmguard.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class WebDefaultPageTest {

    @TempDir
    Path dir;

    final WebDefaultPage check = new WebDefaultPage();

    @Test
    void debianApacheDefaultPageFails() {
        Outcome o = check.evaluate(WebFixtures.apache(dir).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence().get(0).path()).isEqualTo("/var/www/html/index.html");
        assertThat(o.evidence().get(0).text()).contains("Apache2 Debian Default Page");
    }

    @Test
    void debianNginxDefaultPageFails() {
        Outcome o = check.evaluate(WebFixtures.nginx(dir).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence().get(0).path()).isEqualTo("/var/www/html/index.nginx-debian.html");
    }

    @Test
    void ownContentUnderTheDefaultNamePasses() {
        Tree t = WebFixtures.apache(dir).file("/var/www/html/index.html", "<h1>Our project</h1>\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void aDefaultPageOutsideTheServedRootPasses() {
        Tree t = WebFixtures.apache(dir).file("/etc/apache2/sites-enabled/000-default.conf",
                "<VirtualHost *:80>\nDocumentRoot /srv/site\n</VirtualHost>\n").file("/srv/site/index.html", "hello\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void nginxIndexOrderDecidesWhichPageIsServed() throws Exception {
        Tree t = WebFixtures.nginx(dir).file("/var/www/html/index.html", "our page\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void rhelWelcomeConfWithNoIndexFails() {
        Tree t = new Tree(dir).file("/usr/sbin/httpd", "")
                .file("/etc/httpd/conf/httpd.conf", "ServerRoot /etc/httpd\nDocumentRoot /var/www/html\n"
                        + "IncludeOptional conf.d/*.conf\n")
                .file("/etc/httpd/conf.d/welcome.conf", "<LocationMatch \"^/+$\">\n    Options -Indexes\n"
                        + "    ErrorDocument 403 /.noindex.html\n</LocationMatch>\nAlias /.noindex.html /usr/share/httpd/noindex/index.html\n")
                .dir("/var/www/html");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).anyMatch(e -> "/etc/httpd/conf.d/welcome.conf".equals(e.path()) && e.line() == 5);
    }

    @Test
    void noWebServerSkips() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void missingConfigurationOfAnInstalledServerIsAnError() {
        assertThat(check.evaluate(new Tree(dir).file("/usr/sbin/nginx", "").host())).isInstanceOf(Outcome.Error.class);
    }
}
