package org.vmguard.checks.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.facts.FactException;
import org.vmguard.testing.Tree;

class AccountEmptyPasswordTest {

    @TempDir
    Path dir;

    final AccountEmptyPassword check = new AccountEmptyPassword();

    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/bash
            alice:x:1000:1000::/home/alice:/bin/bash
            """;

    Outcome run(Tree t) {
        try {
            return check.evaluate(t.host());
        } catch (FactException e) {
            return Outcome.error(e.getMessage());
        }
    }

    @Test
    void passesWhenEveryAccountHasAHashOrIsLocked() {
        var t = new Tree(dir).file("/etc/passwd", PASSWD).file("/etc/shadow", """
                root:*:19000:0:99999:7:::
                alice:$6$salt$0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ:19000:0:99999:7:::
                """);
        assertThat(run(t)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsOnAnEmptyShadowFieldAndNeverShowsAHash() {
        var t = new Tree(dir).file("/etc/passwd", PASSWD).file("/etc/shadow", """
                root:$6$salt$0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ:19000:0:99999:7:::
                alice::19000:0:99999:7:::
                """);
        Outcome o = run(t);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("alice");
        assertThat(o.evidence()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/etc/shadow");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.text()).doesNotContain("$6$");
        });
    }

    @Test
    void failsOnAnEmptyPasswdFieldEvenWhenShadowIsUnreadable() {
        var t = new Tree(dir).file("/etc/passwd", "root:x:0:0::/root:/bin/bash\nguest::1001:1001::/home/guest:/bin/sh\n")
                .file("/etc/shadow", "root:*:1::::::\n");
        Outcome o = check.evaluate(Hosts.denying(t, "/etc/shadow"));
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void anUnreadableShadowIsAnErrorNamingThePathAndWhyNeverAPass() {
        var t = new Tree(dir).file("/etc/passwd", PASSWD).file("/etc/shadow", "root:*:1::::::\n");
        var host = Hosts.denying(t, "/etc/shadow");
        var report = org.vmguard.run.Runner.run(host, host.kind(), new org.vmguard.core.ReportTarget(host.kind(), "t",
                org.vmguard.core.OsInfo.UNKNOWN), "baseline", java.util.List.of(check), Tree.NOW);
        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(org.vmguard.core.Status.ERROR);
            assertThat(r.reason()).isEqualTo("/etc/shadow: permission denied");
        });
    }

    @Test
    void passesWithoutAShadowFileWhenPasswdHasNoEmptyField() {
        var t = new Tree(dir).file("/etc/passwd", PASSWD);
        assertThat(run(t)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void isAnErrorWhenThereIsNoPasswdFile() {
        assertThat(run(new Tree(dir).dir("/etc"))).isInstanceOf(Outcome.Error.class);
    }
}
