package org.vmguard.facts.sshd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.facts.Host;
import org.vmguard.facts.Passwd;
import org.vmguard.target.RootfsTarget;
import org.vmguard.testing.Tools;

/**
 * Debian 12's packaged sshd_config (/usr/share/openssh/sshd_config of openssh-server
 * 1:9.2p1-2+deb12u10, committed as a test resource): our reading of it, and sshd -T's.
 */
class SshdDebianDefaultTest {

    @TempDir
    Path dir;

    static String packaged() throws Exception {
        try (InputStream in = SshdDebianDefaultTest.class.getResourceAsStream("/sshd/debian12-sshd_config")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsThePackagedFileAsDebianShipsIt() throws Exception {
        SshdConfig c = new MemorySource().put("/etc/ssh/sshd_config", packaged())
                .put("/etc/ssh/sshd_config.d/.keep", "").parse("/etc/ssh/sshd_config");
        assertThat(c.global("usepam").describe()).isEqualTo("UsePAM yes from /etc/ssh/sshd_config:85");
        assertThat(c.global("kbdinteractiveauthentication").value()).isEqualTo("no");
        assertThat(c.global("x11forwarding").value()).isEqualTo("yes");
        assertThat(c.global("passwordauthentication").isDefault()).isTrue();
        assertThat(c.global("acceptenv").values()).containsExactly("LANG", "LC_*");
        assertThat(c.global("subsystem").values()).containsExactly("sftp /usr/lib/openssh/sftp-server");
    }

    @Test
    void agreesWithSshdOnThePackagedFile() throws Exception {
        Tools.require("/usr/sbin/sshd");
        if (Tools.isRoot()) {
            Files.createDirectories(Path.of("/run/sshd"));
        }
        // the absolute drop-in Include would read this machine's /etc/ssh: point it at an empty directory
        Path dropIns = Files.createDirectories(dir.resolve("sshd_config.d"));
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, packaged().replace("Include /etc/ssh/sshd_config.d/*.conf",
                "Include " + dropIns + "/*.conf"));
        Path key = dir.resolve("hostkey");
        org.vmguard.testing.Sshd.keygen(key);

        Host host = new Host(new RootfsTarget(Path.of("/")));
        SshdConfig ours = SshdConfig.parse(Sshd.source(host, null, null), config.toString(), Files.readString(config),
                OpensshVersion.parse("OpenSSH_9.2", "test"));
        Passwd passwd = host.fact(Passwd.KEY);
        EtcGroup groups = host.fact(EtcGroup.KEY);
        Connection root = new Connection("root", groups.groupsOf("root", passwd).orElse(null), "h.example.com",
                "192.0.2.7", "10.0.0.1", 22, null);
        List<String> argv = new ArrayList<>(List.of("/usr/sbin/sshd", "-T", "-f", config.toString(), "-h",
                key.toString(), "-C", root.testSpec()));
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<String, List<String>> sshd = SshdDifferentialTest.parseT(new String(p.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
        assertThat(p.waitFor()).isZero();
        List<String> differ = new ArrayList<>();
        int compared = 0;
        for (var e : sshd.entrySet()) {
            String o = e.getKey();
            if (o.equals("hostkey") || o.equals("listenaddress") || o.equals("gssapikexalgorithms")) {
                continue; // -h replaces host keys; listen addresses are printed resolved
            }
            compared++;
            List<String> mine = ours.effective(o, root).values();
            if (!mine.equals(e.getValue())) {
                differ.add(o + ": ours " + mine + " sshd " + e.getValue());
            }
        }
        assertThat(compared).isGreaterThan(80);
        assertThat(differ).isEmpty();
    }
}
