package org.vmguard.checks.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class AccountDefaultNameTest {

    @TempDir
    Path dir;

    final AccountDefaultName check = new AccountDefaultName();
    static final String HASH = "$6$salt$0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    @Test
    void passesWithoutWellKnownNames() {
        var host = new Tree(dir).file("/etc/passwd", "root:x:0:0::/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n")
                .host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsForAGuestAccountWithAPassword() {
        var host = new Tree(dir).file("/etc/passwd", "root:x:0:0::/root:/bin/bash\nguest:x:1001:1001::/home/guest:/bin/bash\n")
                .file("/etc/shadow", "root:*:1::::::\nguest:" + HASH + ":19000:0:99999:7:::\n").host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("guest (a password)");
        assertThat(o.evidence()).extracting(e -> e.path() + ":" + e.line()).containsExactly("/etc/passwd:2", "/etc/shadow:2");
    }

    @Test
    void failsForALockedAdminAccountThatHasAuthorizedKeys() {
        var host = new Tree(dir).file("/etc/passwd", "admin:x:1001:1001::/home/admin:/bin/bash\n")
                .file("/etc/shadow", "admin:!:19000:0:99999:7:::\n")
                .file("/home/admin/.ssh/authorized_keys", "# keys\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@laptop\n")
                .host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("admin (1 authorized key(s))");
        assertThat(o.evidence()).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo("/home/admin/.ssh/authorized_keys");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.text()).isEqualTo("ssh-ed25519 … ops@laptop");
        });
    }

    @Test
    void passesWhenTheDefaultNamedAccountsAreLockedOrHaveNoShell() {
        var host = new Tree(dir).file("/etc/passwd", """
                oracle:x:1001:1001::/home/oracle:/bin/bash
                ftp:x:120:120::/srv/ftp:/usr/sbin/nologin
                """).file("/etc/shadow", "oracle:!!:19000::::::\nftp:*:19000::::::\n").host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void isAnErrorWhenShadowCannotBeReadAndNoKeyDecides() {
        var t = new Tree(dir).file("/etc/passwd", "test:x:1001:1001::/home/test:/bin/bash\n").file("/etc/shadow", "x");
        Outcome o = check.evaluate(Hosts.denying(t, "/etc/shadow"));
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("test", "/etc/shadow: permission denied");
    }
}
