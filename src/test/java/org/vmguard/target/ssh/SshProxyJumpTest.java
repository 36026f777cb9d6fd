package org.vmguard.target.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Sshd;
import org.vmguard.testing.Tree;

/** ProxyJump from ~/.ssh/config through a real sshd to another, both host keys verified. */
@Tag("slow")
class SshProxyJumpTest {

    @TempDir
    Path work;

    @Test
    void reachesAHostThroughItsProxyJumpAndVerifiesBothKeys() throws Exception {
        Sshd.requireUsable();
        Path root = Sshd.chrootBase().resolve("root");
        new Tree(root).file("/etc/os-release", "ID=debian\nPRETTY_NAME=\"behind the bastion\"\n");
        Sshd.installTools(root);
        Path user = Sshd.keygen(work.resolve("id_user"));
        Files.copy(Path.of(user + ".pub"), work.resolve("authorized_keys"));
        Path jumpKey = Sshd.keygen(work.resolve("host_jump"));
        Path targetKey = Sshd.keygen(work.resolve("host_target"));
        try (Sshd jump = Sshd.start(work.resolve("sshd-jump"), root, List.of(jumpKey), work.resolve("authorized_keys"), "");
                Sshd target = Sshd.start(work.resolve("sshd-target"), root, List.of(targetKey), work.resolve("authorized_keys"), "")) {
            Path config = work.resolve("config");
            Files.writeString(config, """
                    Host inner
                        HostName 127.0.0.1
                        Port %d
                        User root
                        ProxyJump bastion
                        IdentityFile %s
                    Host bastion
                        HostName 127.0.0.1
                        Port %d
                        User root
                        IdentityFile %s
                    """.formatted(target.port(), user, jump.port(), user));
            Path kh = work.resolve("known_hosts");
            Files.writeString(kh, Sshd.knownHostsLine(target.port(), targetKey) + Sshd.knownHostsLine(jump.port(), jumpKey));
            SshSettings s = new SshSettings(config, List.of(), kh, false, false, Duration.ofSeconds(10), null, work, "root", null);
            try (SshConnector c = new SshConnector(s); SshTarget t = c.connect(SshAddress.parse("inner"))) {
                assertThat(t.readText("/etc/os-release").orElseThrow()).contains("behind the bastion");
            }
            assertThat(Files.readString(jump.dir().resolve("sshd.log"))).contains("Accepted publickey");
            assertThat(Files.readString(target.dir().resolve("sshd.log"))).contains("Accepted publickey");

            // the bastion's key unknown: refused, not silently trusted
            Files.writeString(kh, Sshd.knownHostsLine(target.port(), targetKey));
            try (SshConnector c = new SshConnector(s)) {
                assertThatThrownBy(() -> c.connect(SshAddress.parse("inner"))).isInstanceOf(SshFailure.class);
                assertThat(c.notes()).anyMatch(n -> n.contains("jump host") && n.contains("no known_hosts entry"));
            }
        }
    }
}
