package org.vmguard.checks.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class LogRetentionTest {

    @TempDir
    Path dir;

    final LogRetention check = new LogRetention();

    Tree debian() {
        return new Tree(dir).resources("packages/logrotate").resources("packages/rsyslog").file("/var/log/auth.log", "");
    }

    @Test
    void failsWithDebiansFourWeeksOfAuthLog() {
        Outcome o = Evaluate.on(check, debian().host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("about 28 days").contains("rotate 4 × weekly");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.where()).isEqualTo("/etc/logrotate.d/rsyslog:8"));
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.where()).isEqualTo("/etc/logrotate.d/rsyslog:9"));
    }

    @Test
    void passesWhenAuthLogGetsItsOwnThirteenWeekBlock() {
        var t = debian().file("/etc/logrotate.d/rsyslog", """
                /var/log/syslog
                {
                	rotate 4
                	weekly
                }
                /var/log/auth.log {
                	rotate 13
                	weekly
                }
                """);
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("91 days");
    }

    @Test
    void maxageCapsTheRotations() {
        var t = debian().file("/etc/logrotate.d/rsyslog", "/var/log/auth.log {\n monthly\n rotate 12\n maxage 30\n}\n");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("maxage 30");
    }

    @Test
    void judgesJournaldsMaxRetentionWhenThereIsNoAuthLog() {
        var t = new Tree(dir).dir("/var/log/journal")
                .file("/etc/systemd/journald.conf", "[Journal]\nMaxRetentionSec=1month\n");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("30 days");
        t.file("/etc/systemd/journald.conf", "[Journal]\nMaxRetentionSec=13w\n");
        assertThat(Evaluate.on(check, t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void isAnErrorWhenAnIncludedFileHasAnUnclosedBlock() {
        var t = debian().file("/etc/logrotate.d/broken", "/var/log/x.log {\n rotate 3\n");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/logrotate.d/broken:1");
    }
}
