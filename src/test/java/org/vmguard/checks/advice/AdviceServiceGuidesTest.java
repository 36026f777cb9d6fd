package org.vmguard.checks.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class AdviceServiceGuidesTest {

    @TempDir
    Path dir;

    final AdviceServiceGuides check = new AdviceServiceGuides();

    @Test
    void listsTheGuidesOfEnabledServicesInAnImage() {
        var t = new Tree(dir).file("/usr/lib/systemd/system/ssh.service", "[Unit]\n")
                .file("/usr/lib/systemd/system/postfix.service", "[Unit]\n")
                .file("/usr/lib/systemd/system/nginx.service", "[Unit]\n")
                .symlink("/etc/systemd/system/multi-user.target.wants/ssh.service", "../../../../usr/lib/systemd/system/ssh.service")
                .symlink("/etc/systemd/system/multi-user.target.wants/postfix.service", "../../../../usr/lib/systemd/system/postfix.service");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Info.class);
        assertThat(o.reason()).contains("OpenSSH").contains("Postfix").doesNotContain("nginx");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.text()).contains("https://"));
    }

    @Test
    void listsTheGuidesOfListeningServicesOnALiveHost() {
        var t = new Tree(dir).file("/proc/net/tcp", """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
                """).file("/proc/812/comm", "sshd\n").file("/proc/812/cmdline", "sshd: /usr/sbin/sshd -D\0")
                .symlink("/proc/812/fd/3", "socket:[4242]");
        Outcome o = Evaluate.on(check, t.liveHost());
        assertThat(o).isInstanceOf(Outcome.Info.class);
        assertThat(o.reason()).contains("OpenSSH");
        assertThat(o.evidence()).singleElement().satisfies(e -> assertThat(e.text()).contains("tcp 0.0.0.0:22 (sshd pid 812)"));
    }

    @Test
    void saysSoWhenNoServiceIsFound() {
        Outcome o = Evaluate.on(check, new Tree(dir).dir("/etc").host());
        assertThat(o).isInstanceOf(Outcome.Info.class);
        assertThat(o.reason()).contains("no network service");
    }

    @Test
    void staysInfoWhenTheSocketsCannotBeRead() {
        var t = new Tree(dir).file("/proc/net/tcp", "header\nnot a socket line\n");
        Outcome o = Evaluate.on(check, t.liveHost());
        assertThat(o).isInstanceOf(Outcome.Info.class);
        assertThat(o.reason()).contains("/proc/net/tcp:2");
    }
}
