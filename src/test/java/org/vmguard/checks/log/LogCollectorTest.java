package org.vmguard.checks.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class LogCollectorTest {

    @TempDir
    Path dir;

    final LogCollector check = new LogCollector();

    @Test
    void passesWhenRsyslogIsEnabledInAnImage() {
        var t = new Tree(dir).resources("packages/rsyslog").file("/usr/sbin/rsyslogd", "")
                .file("/usr/lib/systemd/system/rsyslog.service", "[Unit]\n")
                .symlink("/etc/systemd/system/multi-user.target.wants/rsyslog.service",
                        "../../../../usr/lib/systemd/system/rsyslog.service");
        assertThat(Evaluate.on(check, t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void passesWhenJournaldKeepsLogsBecauseVarLogJournalExists() {
        var t = new Tree(dir).resources("packages/systemd").dir("/var/log/journal");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("journald");
    }

    @Test
    void failsWithDebiansDefaultJournaldAndNoJournalDirectory() {
        var t = new Tree(dir).resources("packages/systemd");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("Storage=auto");
    }

    @Test
    void aDropInWithVolatileStorageWinsOverTheJournalDirectory() {
        var t = new Tree(dir).resources("packages/systemd").dir("/var/log/journal")
                .file("/etc/systemd/journald.conf.d/10-volatile.conf", "[Journal]\nStorage=volatile\n");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.where()).isEqualTo("/etc/systemd/journald.conf.d/10-volatile.conf:2"));
    }

    @Test
    void onALiveHostAnInstalledButStoppedRsyslogDoesNotCount() {
        var t = new Tree(dir).resources("packages/rsyslog").file("/usr/sbin/rsyslogd", "").file("/proc/1/comm", "init\n");
        assertThat(Evaluate.on(check, t.liveHost())).isInstanceOf(Outcome.Fail.class);
        t.file("/proc/77/comm", "rsyslogd\n");
        assertThat(Evaluate.on(check, t.liveHost())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void isAnErrorWhenJournaldConfIsMalformed() {
        var t = new Tree(dir).file("/etc/systemd/journald.conf", "[Journal]\nStorage persistent\n");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/systemd/journald.conf:2");
    }
}
