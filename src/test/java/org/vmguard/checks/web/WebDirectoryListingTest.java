package org.vmguard.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class WebDirectoryListingTest {

    @TempDir
    Path dir;

    final WebDirectoryListing check = new WebDirectoryListing();

    @Test
    void debianApacheInheritsIndexesFromDirectoryVarWwwAndFails() {
        Outcome o = check.evaluate(WebFixtures.apache(dir).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).anyMatch(e -> "/etc/apache2/apache2.conf".equals(e.path())
                && e.text().equals("Options Indexes FollowSymLinks"));
    }

    @Test
    void minusIndexesInTheSiteDirectoryPasses() {
        Tree t = WebFixtures.apache(dir).file("/etc/apache2/conf-enabled/zz.conf",
                "<Directory /var/www/html>\nOptions -Indexes\n</Directory>\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void aLongerDirectoryWinsOverAShorterOneRegardlessOfOrder() {
        Tree t = WebFixtures.apache(dir).file("/etc/apache2/sites-enabled/000-default.conf",
                "<VirtualHost *:80>\nDocumentRoot /var/www/html\n<Directory /var/www/html>\nOptions None\n</Directory>\n"
                        + "<Directory />\nOptions All\n</Directory>\n</VirtualHost>\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void optionsAllIncludesIndexes() {
        Tree t = WebFixtures.apache(dir).file("/etc/apache2/conf-enabled/zz.conf",
                "<Directory /var/www/html>\nOptions None\n</Directory>\n<Directory /srv/>\nOptions All\n</Directory>\n"
                        + "Alias /files /srv/files\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("/srv/files").doesNotContain("/var/www/html");
    }

    @Test
    void indexesWithoutModAutoindexListsNothing() throws Exception {
        Tree t = WebFixtures.apache(dir);
        Files.delete(t.at("/etc/apache2/mods-enabled/autoindex.load"));
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void mixingSignedAndUnsignedOptionsIsAnErrorNamingTheLine() {
        Tree t = WebFixtures.apache(dir).file("/etc/apache2/conf-enabled/zz.conf",
                "<Directory /var/www/html>\nOptions +Indexes FollowSymLinks\n</Directory>\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/apache2/conf-enabled/zz.conf:2");
    }

    @Test
    void nginxDefaultsPass() {
        assertThat(check.evaluate(WebFixtures.nginx(dir).host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void nginxAutoindexInALocationFailsWithItsLine() {
        Tree t = WebFixtures.nginx(dir).file("/etc/nginx/conf.d/files.conf",
                "server {\n  listen 127.0.0.1:8080;\n  location /pub/ {\n    autoindex on;\n  }\n}\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence().get(0).path()).isEqualTo("/etc/nginx/conf.d/files.conf");
        assertThat(o.evidence().get(0).line()).isEqualTo(4);
    }

    @Test
    void nginxAutoindexOnInHttpButOffInEveryServerPasses() throws Exception {
        Tree t = WebFixtures.nginx(dir);
        String conf = Files.readString(t.at("/etc/nginx/nginx.conf"));
        t.file("/etc/nginx/nginx.conf", conf.replaceFirst("http \\{", "http {\n\tautoindex on;"));
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Fail.class);
        String site = Files.readString(t.at("/etc/nginx/sites-enabled/default"));
        t.file("/etc/nginx/sites-enabled/default", site.replaceFirst("server \\{", "server {\n\tautoindex off;"));
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void noWebServerSkips() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }
}
