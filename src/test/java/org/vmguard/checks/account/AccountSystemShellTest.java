package org.vmguard.checks.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class AccountSystemShellTest {

    @TempDir
    Path dir;

    final AccountSystemShell check = new AccountSystemShell();

    @Test
    void passesWhenOnlyRootAndHumansHaveShells() {
        var host = new Tree(dir).file("/etc/passwd", """
                root:x:0:0:root:/root:/bin/bash
                daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
                sync:x:4:65534:sync:/bin:/bin/sync
                alice:x:1000:1000::/home/alice:/bin/bash
                """).host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).singleElement().satisfies(e -> assertThat(e.text()).contains("UID_MIN 1000 (default"));
    }

    @Test
    void failsForAServiceAccountWithAShellAndNamesUidMinFromLoginDefs() {
        var host = new Tree(dir).file("/etc/passwd", """
                root:x:0:0:root:/root:/bin/bash
                postgres:x:114:120:PostgreSQL:/var/lib/postgresql:/bin/bash
                odd:x:115:120::/:
                """).file("/etc/login.defs", "# ids\nUID_MIN\t\t\t 1000\n").host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("postgres (/bin/bash)", "odd (empty shell field: /bin/sh)");
        assertThat(o.evidence()).extracting(e -> e.path() + ":" + e.line())
                .containsExactly("/etc/passwd:2", "/etc/passwd:3", "/etc/login.defs:2");
    }

    @Test
    void aLowerUidMinMakesTheSameAccountHuman() {
        var host = new Tree(dir).file("/etc/passwd", "root:x:0:0::/root:/bin/bash\nbob:x:600:600::/home/bob:/bin/bash\n")
                .file("/etc/login.defs", "UID_MIN 500\n").host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void isAnErrorWhenThereIsNoPasswdFile() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Error.class);
    }
}
