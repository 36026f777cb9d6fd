package org.vmguard.checks.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class AccountUid0Test {

    @TempDir
    Path dir;

    final AccountUid0 check = new AccountUid0();

    @Test
    void passesWhenOnlyRootHasUidZero() {
        var host = new Tree(dir).file("/etc/passwd", """
                root:x:0:0:root:/root:/bin/bash
                daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
                """).host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsWhenAnotherAccountHasUidZeroAndNamesTheLine() {
        var host = new Tree(dir).file("/etc/passwd", """
                root:x:0:0:root:/root:/bin/bash
                toor:x:0:0::/root:/bin/sh
                """).host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("toor");
        assertThat(o.evidence()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/etc/passwd");
            assertThat(e.line()).isEqualTo(2);
        });
    }

    @Test
    void isAnErrorWhenThereIsNoPasswdFile() {
        var host = new Tree(dir).dir("/etc").host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Error.class);
    }

    @Test
    void aPasswdOfNothingButJunkIsOurParseErrorNotAPass() {
        var host = new Tree(dir).bytes("/etc/passwd", new byte[] {0x7f, 'E', 'L', 'F', 0, 1, 2, '\n', (byte) 0xff}).host();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> check.evaluate(host))
                .isInstanceOf(org.vmguard.facts.ParseError.class).hasMessageStartingWith("/etc/passwd:1: no account could be read");
    }

    @Test
    void aPasswdTooLargeToReadInFullIsAnErrorNotAPassThatMissedItsTail() {
        // Target reads stop at 16 MiB: an account appended past that must not go unseen
        StringBuilder b = new StringBuilder("root:x:0:0:root:/root:/bin/bash\n");
        String filler = "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";
        while (b.length() <= org.vmguard.target.Target.MAX_READ) {
            b.append(filler);
        }
        b.append("toor:x:0:0::/root:/bin/sh\n");
        var host = new Tree(dir).file("/etc/passwd", b.toString()).host();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> check.evaluate(host))
                .isInstanceOf(org.vmguard.facts.FactException.class)
                .hasMessage("/etc/passwd: 16 MiB or larger, too large to read in full");
    }
}
