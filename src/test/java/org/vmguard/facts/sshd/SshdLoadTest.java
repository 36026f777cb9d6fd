package org.vmguard.facts.sshd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Tree;

/** Loading sshd's configuration from a root filesystem: release, includes, hostile trees. */
class SshdLoadTest {

    @TempDir
    Path dir;

    @Test
    void takesTheReleaseFromDpkgsDatabase() {
        var host = new Tree(dir).file("/etc/ssh/sshd_config", "\n").file("/var/lib/dpkg/status", """
                Package: openssh-client
                Status: install ok installed
                Version: 1:9.6p1-3ubuntu13.5

                Package: openssh-server
                Status: install ok installed
                Version: 1:9.6p1-3ubuntu13.5
                """).host();
        Sshd s = host.fact(Sshd.KEY);
        assertThat(s.version().label()).isEqualTo("OpenSSH 9.6");
        // the stanza of openssh-server (its Package line) in the database
        assertThat(s.version().source()).isEqualTo("/var/lib/dpkg/status:5");
    }

    @Test
    void otherwiseFromTheSshdBinary() {
        var host = new Tree(dir).file("/etc/ssh/sshd_config", "\n")
                .bytes("/usr/sbin/sshd", "\u007fELF\0\0junk OpenSSH_8.7p1 more\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .host();
        assertThat(host.fact(Sshd.KEY).version().describe()).isEqualTo("OpenSSH 8.7 (OpenSSH_8.7p1, from /usr/sbin/sshd)");
    }

    @Test
    void saysWhySshdIsAbsent() {
        assertThat(new Tree(dir).dir("/etc").host().fact(Sshd.KEY).absent()).contains("not installed");
        assertThat(new Tree(dir).file("/usr/sbin/sshd", "x").host().fact(Sshd.KEY).absent())
                .isEqualTo("/etc/ssh/sshd_config does not exist: sshd refuses to start without it");
    }

    @Test
    void anIncludedDirectoryReadsAsEmptyAndSymlinksStayInsideTheRoot() {
        var host = new Tree(dir).file("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*\nPort 2222\n")
                .dir("/etc/ssh/sshd_config.d/adir")
                .file("/secret.conf", "Port 7\n")
                .symlink("/etc/ssh/sshd_config.d/evil", "../../../../../../secret.conf").host();
        SshdConfig c = host.fact(Sshd.KEY).config();
        assertThat(c.global("port").values()).containsExactly("7", "2222");
        assertThat(c.global("port").from().getFirst().path()).isEqualTo("/etc/ssh/sshd_config.d/evil");
    }

    @Test
    void aHostileTreeEndsInOurErrorNotAStackTrace() {
        var host = new Tree(dir).file("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config\n").host();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> host.fact(Sshd.KEY))
                .isInstanceOf(org.vmguard.facts.ParseError.class)
                .hasMessageStartingWith("/etc/ssh/sshd_config:1: Include nested more than 16 levels");
    }
}
