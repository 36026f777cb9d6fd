package org.vmguard.checks.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class LogFilePermsTest {

    @TempDir
    Path dir;

    final LogFilePerms check = new LogFilePerms();

    @Test
    void passesWhenTheLogsAreOwnerAndGroupOnly() {
        var t = new Tree(dir).file("/var/log/auth.log", "x").mode("/var/log/auth.log", "rw-r-----")
                .file("/var/log/syslog", "x").mode("/var/log/syslog", "rw-r-----");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).hasSize(2);
    }

    @Test
    void failsForAWorldReadableRotatedAuthLog() {
        var t = new Tree(dir).file("/var/log/auth.log", "x").mode("/var/log/auth.log", "rw-r-----")
                .file("/var/log/auth.log.1", "x").mode("/var/log/auth.log.1", "rw-r--r--");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/var/log/auth.log.1");
            assertThat(e.text()).contains("mode 0644");
        });
    }

    @Test
    void skipsWhenLogsLiveOnlyInTheJournal() {
        assertThat(Evaluate.on(check, new Tree(dir).dir("/var/log/journal").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorWhenVarLogCannotBeResolved() {
        var t = new Tree(dir).symlink("/var/log", "/var/log");
        assertThat(Evaluate.on(check, t.host())).isInstanceOf(Outcome.Error.class);
    }
}
