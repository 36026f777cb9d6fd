package org.vmguard.target.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vmguard.testing.Tools;

/** ~/.ssh/config resolution, with OpenSSH's own {@code ssh -G} as the oracle. */
class SshConfigTest {

    @TempDir
    Path home;

    static final String CONFIG = """
            Host bastion
                HostName 10.0.0.1
                User jump
            Host web-* !web-legacy
                User deploy
                Port 2200
                IdentityFile ~/.ssh/web_%r_%h
                IdentitiesOnly yes
            Host web-legacy
                HostName legacy.example.org
                Port 22022
            Host db?
                HostName %h.internal.example.org
                ProxyJump bastion
                User postgres
                User ignored-second-value
            Host *
                User fallback
                Port 2222
                IdentityFile %d/.ssh/id_default
            """;

    SshConnector connector(Path config) throws SshFailure {
        return new SshConnector(new SshSettings(config, List.of(), null, false, false, Duration.ofSeconds(2), null,
                home, "localuser", null));
    }

    /** hostname, user, port, identityfile and proxyjump as ssh -G prints them. */
    static Map<String, String> sshG(Path config, String host) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh", "-G", "-F", config.toString(), host).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        Map<String, String> m = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] kv = line.split(" ", 2);
            if (kv.length == 2 && List.of("hostname", "user", "port", "identityfile", "proxyjump", "identitiesonly").contains(kv[0])) {
                m.merge(kv[0], kv[1], (a, b) -> a + "," + b);
            }
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"bastion", "web-1", "web-legacy", "db1", "other.example.org"})
    void resolvesHostsAsSshDashGDoes(String host) throws Exception {
        Tools.require("/usr/bin/ssh");
        Path config = home.resolve("config");
        Files.writeString(config, CONFIG);
        Map<String, String> oracle = sshG(config, host);
        try (SshConnector c = connector(config)) {
            HostConfigEntry e = c.resolve(SshAddress.parse(host));
            assertThat(e.getHostName()).as("hostname").isEqualTo(oracle.get("hostname"));
            assertThat(e.getUsername()).as("user").isEqualTo(oracle.get("user"));
            assertThat(String.valueOf(e.getPort())).as("port").isEqualTo(oracle.get("port"));
            assertThat(e.isIdentitiesOnly()).as("identitiesonly").isEqualTo("yes".equals(oracle.get("identitiesonly")));
            if (oracle.containsKey("proxyjump")) {
                assertThat(e.getProxyJump()).as("proxyjump").isEqualTo(oracle.get("proxyjump"));
            }
            // ssh -G prints %r and %h unexpanded (ssh expands them when it loads the key), and ~ and %d
            // as the real user's home: expand the tokens, then compare the file names
            String files = oracle.get("identityfile").replace("%r", oracle.get("user")).replace("%h", oracle.get("hostname"));
            oracle.put("identityfile", files);
            List<String> ours = e.getIdentities().stream().map(p -> Path.of(p).getFileName().toString()).toList();
            List<String> theirs = List.of(oracle.get("identityfile").split(",")).stream()
                    .map(p -> Path.of(p).getFileName().toString()).filter(n -> ours.contains(n) || !n.startsWith("id_")).toList();
            assertThat(ours).as("identity files").containsAll(theirs);
        }
    }

    @Test
    void whatWasTypedWinsOverTheConfigAsSshDashLAndDashPDo() throws Exception {
        Path config = home.resolve("config");
        Files.writeString(config, CONFIG);
        try (SshConnector c = connector(config)) {
            HostConfigEntry e = c.resolve(SshAddress.parse("admin@web-1:2022"));
            assertThat(e.getUsername()).isEqualTo("admin");
            assertThat(e.getPort()).isEqualTo(2022);
        }
    }

    @Test
    void withoutAConfigTheLocalUserAndPort22AreUsed() throws Exception {
        try (SshConnector c = connector(null)) {
            HostConfigEntry e = c.resolve(SshAddress.parse("plain.example.org"));
            assertThat(e.getUsername()).isEqualTo("localuser");
            assertThat(e.getPort()).isEqualTo(22);
            assertThat(e.getHostName()).isEqualTo("plain.example.org");
        }
    }

    @Test
    void addressesParseLikeSshDoes() {
        assertThat(SshAddress.parse("alice@web01:2222")).isEqualTo(new SshAddress("alice@web01:2222", "alice", "web01", 2222));
        assertThat(SshAddress.parse("[::1]:2200")).isEqualTo(new SshAddress("[::1]:2200", null, "::1", 2200));
        assertThat(SshAddress.parse("::1").host()).isEqualTo("::1");
        assertThat(SshAddress.parse("web01").port()).isZero();
    }
}
