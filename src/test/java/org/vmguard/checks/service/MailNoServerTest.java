package org.vmguard.checks.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class MailNoServerTest {

    @TempDir
    Path dir;

    final MailNoServer check = new MailNoServer();

    @Test
    void passesWithoutAnyMailServer() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsWhenPostfixIsEnabledAtBoot() {
        var host = MailChecksFixtures.postfix(new Tree(dir), "", MailChecksFixtures.MASTER)
                .file("/usr/lib/systemd/system/postfix.service", "[Unit]\n")
                .symlink("/etc/systemd/system/multi-user.target.wants/postfix.service", "/usr/lib/systemd/system/postfix.service")
                .host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("installed and enabled");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.path()).endsWith("multi-user.target.wants/postfix.service"));
    }

    @Test
    void passesWhenPostfixIsInstalledButMasked() {
        var host = MailChecksFixtures.postfix(new Tree(dir), "", MailChecksFixtures.MASTER)
                .symlink("/etc/systemd/system/postfix.service", "/dev/null").host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsWhenItCannotBeToldWhetherTheInstalledServerStarts() {
        var host = MailChecksFixtures.postfix(new Tree(dir), "", MailChecksFixtures.MASTER).host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("cannot be told");
    }
}
