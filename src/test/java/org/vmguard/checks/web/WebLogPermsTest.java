package org.vmguard.checks.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class WebLogPermsTest {

    @TempDir
    Path dir;

    final WebLogPerms check = new WebLogPerms();

    @Test
    void debianModesPass() {
        assertThat(check.evaluate(WebFixtures.apache(dir).host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void aWorldReadableFileInTheLogDirectoryFails() {
        Tree t = WebFixtures.nginx(dir).mode("/var/log/nginx/access.log", "rw-r--r--");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence().get(0).path()).isEqualTo("/var/log/nginx/access.log");
        assertThat(o.evidence().get(0).text()).contains("0644");
    }

    @Test
    void aConfiguredLogElsewhereIsJudgedWithItsConfigurationLine() {
        Tree t = WebFixtures.apache(dir).file("/etc/apache2/sites-enabled/001.conf",
                "<VirtualHost *:8080>\nCustomLog /srv/logs/site.log combined\n</VirtualHost>\n")
                .file("/srv/logs/site.log", "x\n").mode("/srv/logs/site.log", "rw-rw-r--");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).anyMatch(e -> e.path() != null && e.path().endsWith("001.conf") && e.line() == 2);
    }

    @Test
    void pipedLogsAreNotFiles() {
        Tree t = WebFixtures.apache(dir).file("/etc/apache2/conf-enabled/zz.conf",
                "CustomLog \"|/usr/bin/logger -t httpd\" combined\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void noWebServerSkips() {
        assertThat(check.evaluate(new Tree(dir).dir("/var/log/nginx").host())).isInstanceOf(Outcome.Skip.class);
    }
}
