package org.vmguard.checks.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class ServicePlaintextTest {

    @TempDir
    Path dir;

    final ServicePlaintext check = new ServicePlaintext();

    @Test
    void failsForTelnetOnALiveHost() {
        Tree t = Procs.tcp(new Tree(dir), "00000000:0017 9001");
        Outcome o = check.evaluate(t.liveHost());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("telnet on 0.0.0.0:23");
    }

    @Test
    void plainHttpAloneFailsButBesideHttpsPasses() {
        assertThat(check.evaluate(Procs.tcp(new Tree(dir.resolve("a")), "00000000:0050 1").liveHost()))
                .isInstanceOf(Outcome.Fail.class);
        assertThat(check.evaluate(Procs.tcp(new Tree(dir.resolve("b")), "00000000:0050 1", "00000000:01BB 2").liveHost()))
                .isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void onAnImageFailsForAnEnabledFtpServer() {
        Tree t = new Tree(dir).file("/lib/systemd/system/vsftpd.service", "[Unit]\n")
                .symlink("/etc/systemd/system/multi-user.target.wants/vsftpd.service", "/lib/systemd/system/vsftpd.service");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void onAnImagePassesWithoutPlaintextServices() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc/systemd/system").host())).isInstanceOf(Outcome.Pass.class);
    }
}
