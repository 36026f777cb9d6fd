package org.vmguard.target.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Sshd;
import org.vmguard.testing.Tree;

/** No host key is accepted silently; secrets stay secret; agent, key files and sudo behave as ssh's. */
@Tag("slow")
class SshSecurityTest {

    static final String PASSPHRASE = "correct horse SECRET-7f3a";

    @TempDir
    static Path work;

    static Path root;
    static Path userKey;
    static Path hostKey;
    static final List<Sshd> servers = new ArrayList<>();

    @BeforeAll
    static void fixture() {
        Sshd.requireUsable();
        root = Sshd.chrootBase().resolve("root");
        new Tree(root).file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n")
                .file("/etc/shadow", "root:*:19000:0:99999:7:::\n").mode("/etc/shadow", "rw-r-----")
                .file("/etc/os-release", "ID=debian\n");
        Sshd.installTools(root);
        try {
            // nobody's login shell inside the fixture is a real shell, so it can run our commands
            Files.createDirectories(root.resolve("usr/sbin"));
            Files.createSymbolicLink(root.resolve("usr/sbin/nologin"), Path.of("/usr/bin/dash"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        userKey = Sshd.keygen(work.resolve("id_user"));
        hostKey = Sshd.keygen(work.resolve("host_key"));
    }

    @AfterAll
    static void stop() {
        servers.forEach(Sshd::close);
    }

    static Sshd sshd(String name, List<Path> hostKeys, Path authorized, String extra) {
        Sshd s = Sshd.start(work.resolve("sshd-" + name), root, hostKeys, authorized, extra);
        servers.add(s);
        return s;
    }

    static Path authorized(Path... keys) throws IOException {
        Path f = Files.createTempFile(work, "authorized", "");
        StringBuilder b = new StringBuilder();
        for (Path k : keys) {
            b.append(Files.readString(Path.of(k + ".pub")));
        }
        Files.writeString(f, b);
        return f;
    }

    static SshSettings settings(Path knownHosts, boolean acceptNew, List<Path> ids, Path agent, SshSettings.PassphrasePrompt prompt) {
        return new SshSettings(null, ids, knownHosts, acceptNew, false, Duration.ofSeconds(5), agent, work, "root", prompt);
    }

    @Test
    void anUnknownHostKeyIsRefusedAndNothingIsWritten() throws Exception {
        Sshd s = sshd("unknown", List.of(hostKey), authorized(userKey), "");
        Path kh = work.resolve("kh-unknown");
        Files.writeString(kh, "# nothing known\n");
        try (SshConnector c = new SshConnector(settings(kh, false, List.of(userKey), null, null))) {
            assertThatThrownBy(() -> c.connect(SshAddress.parse(s.address())))
                    .isInstanceOf(SshFailure.class)
                    .hasMessageContaining("no known_hosts entry for [127.0.0.1]:" + s.port())
                    .hasMessageContaining("--accept-new");
        }
        assertThat(Files.readString(kh)).isEqualTo("# nothing known\n");
    }

    @Test
    void acceptNewRecordsAFirstSeenKeyButNeverAChangedOne() throws Exception {
        Sshd first = sshd("first", List.of(hostKey), authorized(userKey), "");
        Path kh = work.resolve("kh-accept");
        try (SshConnector c = new SshConnector(settings(kh, true, List.of(userKey), null, null))) {
            c.connect(SshAddress.parse(first.address())).close();
            assertThat(c.notes()).anyMatch(n -> n.contains("recorded the ssh-ed25519 key of [127.0.0.1]:" + first.port()));
        }
        String recorded = Files.readString(kh);
        assertThat(recorded).startsWith("|1|");
        // the same port now answers with another key: a reinstalled host, or an impostor
        int port = first.port();
        first.kill();
        Path other = Sshd.keygen(work.resolve("host_other"));
        Path cfgDir = work.resolve("sshd-impostor");
        Sshd impostor = startOnPort(cfgDir, port, other);
        try (SshConnector c = new SshConnector(settings(kh, true, List.of(userKey), null, null))) {
            assertThatThrownBy(() -> c.connect(SshAddress.parse("root@127.0.0.1:" + port)))
                    .hasMessageContaining("REMOTE HOST IDENTIFICATION HAS CHANGED");
        } finally {
            impostor.close();
        }
        assertThat(Files.readString(kh)).isEqualTo(recorded);
    }

    /** Restarts sshd on a given port (the Sshd helper picks free ports; here the port must stay). */
    static Sshd startOnPort(Path dir, int port, Path key) throws IOException {
        for (int i = 0; i < 50; i++) {
            Sshd s = Sshd.start(dir.resolveSibling(dir.getFileName() + "-" + i), root, List.of(key), authorized(userKey),
                    "ListenAddress 127.0.0.1:" + port + "\n");
            servers.add(s);
            return s;
        }
        throw new IllegalStateException();
    }

    @Test
    void aRevokedKeyIsRefusedEvenIfListed() throws Exception {
        Sshd s = sshd("revoked", List.of(hostKey), authorized(userKey), "");
        String pub = Files.readString(Path.of(hostKey + ".pub")).strip();
        Path kh = work.resolve("kh-revoked");
        Files.writeString(kh, Sshd.knownHostsLine(s.port(), hostKey) + "@revoked * " + pub + "\n");
        try (SshConnector c = new SshConnector(settings(kh, true, List.of(userKey), null, null))) {
            assertThatThrownBy(() -> c.connect(SshAddress.parse(s.address()))).hasMessageContaining("@revoked");
        }
    }

    @Test
    void aHostCertificateSignedByAKnownAuthorityIsAccepted() throws Exception {
        Path ca = Sshd.keygen(work.resolve("ca"));
        Path certKey = Sshd.keygen(work.resolve("host_cert_key"));
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-s", ca.toString(), "-I", "fixture", "-h", "-n", "127.0.0.1",
                Path.of(certKey + ".pub").toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        Sshd s = sshd("cert", List.of(certKey), authorized(userKey),
                "HostCertificate " + certKey.toAbsolutePath() + "-cert.pub\n");
        Path kh = work.resolve("kh-ca");
        Files.writeString(kh, "@cert-authority [127.0.0.1]:* " + Files.readString(Path.of(ca + ".pub")).strip() + "\n");
        try (SshConnector c = new SshConnector(settings(kh, false, List.of(userKey), null, null));
                SshTarget t = c.connect(SshAddress.parse(s.address()))) {
            assertThat(t.read("/etc/os-release")).isPresent();
        }
        Files.writeString(kh, "@cert-authority *.elsewhere " + Files.readString(Path.of(ca + ".pub")).strip() + "\n");
        try (SshConnector c = new SshConnector(settings(kh, false, List.of(userKey), null, null))) {
            assertThatThrownBy(() -> c.connect(SshAddress.parse(s.address()))).hasMessageContaining("host key verification failed");
        }
    }

    @Test
    void theKeyTypeKnownHostsVouchesForIsPreferredOverTheServersFirstChoice() throws Exception {
        Path rsa = work.resolve("host_rsa");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", rsa.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        Sshd s = sshd("types", List.of(hostKey, rsa), authorized(userKey), "");
        Path kh = work.resolve("kh-types");
        Files.writeString(kh, Sshd.knownHostsLine(s.port(), rsa));
        try (SshConnector c = new SshConnector(settings(kh, false, List.of(userKey), null, null));
                SshTarget t = c.connect(SshAddress.parse(s.address()))) {
            assertThat(t.hostKey().getAlgorithm()).isEqualTo("RSA");
        }
    }

    @Test
    void anEncryptedKeyIsDecryptedThroughThePromptAndThePassphraseAppearsNowhere() throws Exception {
        Path enc = Sshd.keygen(work.resolve("id_encrypted"), PASSPHRASE);
        Sshd s = sshd("passphrase", List.of(hostKey), authorized(enc), "");
        Path kh = work.resolve("kh-pass");
        Files.writeString(kh, Sshd.knownHostsLine(s.port(), hostKey));
        AtomicInteger asked = new AtomicInteger();
        SshSettings.PassphrasePrompt prompt = f -> asked.incrementAndGet() == 1 ? "wrong".toCharArray() : PASSPHRASE.toCharArray();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream cap = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(cap);
        System.setErr(cap);
        try (SshConnector c = new SshConnector(settings(kh, false, List.of(enc), null, prompt))) {
            try (SshTarget t = c.connect(SshAddress.parse(s.address()))) {
                assertThat(t.read("/etc/os-release")).isPresent();
            }
            c.connect(SshAddress.parse(s.address())).close(); // the decrypted key is reused, not asked again
            assertThat(c.notes()).noneMatch(n -> n.contains(PASSPHRASE));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(asked.get()).isEqualTo(2);
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(PASSPHRASE).doesNotContain("wrong");
        assertThat(Files.readString(s.dir().resolve("sshd.log"))).doesNotContain(PASSPHRASE);
    }

    @Test
    void anEncryptedKeyWithoutATerminalIsSkippedWithANote() throws Exception {
        Path enc = Sshd.keygen(work.resolve("id_encrypted2"), PASSPHRASE);
        Sshd s = sshd("noterm", List.of(hostKey), authorized(enc), "");
        Path kh = work.resolve("kh-noterm");
        Files.writeString(kh, Sshd.knownHostsLine(s.port(), hostKey));
        try (SshConnector c = new SshConnector(settings(kh, false, List.of(enc), null, null))) {
            assertThatThrownBy(() -> c.connect(SshAddress.parse(s.address()))).hasMessageContaining("authentication failed");
            assertThat(c.notes()).anyMatch(n -> n.contains("no terminal to ask for its passphrase"));
        }
    }

    /** Starts ssh-agent on a socket in the work directory and adds these keys. */
    static Process agentWith(Path sock, Path... keys) throws Exception {
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", sock.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve(sock.getFileName() + ".out").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(sock); i++) {
            Thread.sleep(20);
        }
        for (Path k : keys) {
            ProcessBuilder add = new ProcessBuilder("ssh-add", k.toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", sock.toString());
            assertThat(add.start().waitFor()).isZero();
        }
        return agent;
    }

    @Test
    void identitiesOnlyKeepsTheAgentsOtherKeysOutAsOpenSshDoes() throws Exception {
        Path agentKey = Sshd.keygen(work.resolve("id_agent_only"));
        Path fileKey = Sshd.keygen(work.resolve("id_file_only"));
        Sshd s = sshd("identities-only", List.of(hostKey), authorized(agentKey), "");
        Path kh = work.resolve("kh-only");
        Files.writeString(kh, Sshd.knownHostsLine(s.port(), hostKey));
        Path config = work.resolve("config-only");
        Files.writeString(config, "Host only\n  HostName 127.0.0.1\n  Port " + s.port() + "\n  User root\n  IdentitiesOnly yes\n"
                + "  IdentityFile " + fileKey + "\nHost all\n  HostName 127.0.0.1\n  Port " + s.port() + "\n  User root\n");
        Path sock = work.resolve("agent-only.sock");
        Process agent = agentWith(sock, agentKey);
        try {
            SshSettings st = new SshSettings(config, List.of(), kh, false, false, Duration.ofSeconds(5), sock, work, "root", null);
            try (SshConnector c = new SshConnector(st)) {
                assertThatThrownBy(() -> c.connect(SshAddress.parse("only"))).hasMessageContaining("authentication failed");
                c.connect(SshAddress.parse("all")).close(); // without IdentitiesOnly the agent's key is offered
            }
        } finally {
            agent.destroy();
        }
    }

    @Test
    void theSshAgentAuthenticatesWhenNoKeyFileIsGiven() throws Exception {
        Path agentKey = Sshd.keygen(work.resolve("id_agent"));
        Sshd s = sshd("agent", List.of(hostKey), authorized(agentKey), "");
        Path kh = work.resolve("kh-agent");
        Files.writeString(kh, Sshd.knownHostsLine(s.port(), hostKey));
        Path sock = work.resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", sock.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("agent.out").toFile()).start();
        try {
            for (int i = 0; i < 100 && !Files.exists(sock); i++) {
                Thread.sleep(20);
            }
            ProcessBuilder add = new ProcessBuilder("ssh-add", agentKey.toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", sock.toString());
            assertThat(add.start().waitFor()).isZero();
            try (SshConnector c = new SshConnector(settings(kh, false, List.of(), sock, null));
                    SshTarget t = c.connect(SshAddress.parse(s.address()))) {
                assertThat(t.read("/etc/os-release")).isPresent();
            }
        } finally {
            agent.destroy();
        }
    }

    static SshTarget connectOrShowLog(SshConnector c, String address, Sshd s) throws IOException {
        try {
            return c.connect(SshAddress.parse(address));
        } catch (SshFailure e) {
            throw new AssertionError(e.getMessage() + "\n" + Files.readString(s.dir().resolve("sshd.log")), e);
        }
    }

    @Test
    void aRootOnlyFileIsAnAccessErrorWithoutSudoAndSudoRefusalIsExplained() throws Exception {
        // sshd reads a user's authorized keys as that user: the temporary directory is private
        Path forNobody = root.getParent().resolve("authorized_nobody");
        Files.copy(Path.of(userKey + ".pub"), forNobody, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(forNobody, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Sshd s = sshd("nobody", List.of(hostKey), forNobody, "PermitRootLogin no\n");
        Path kh = work.resolve("kh-nobody");
        Files.writeString(kh, Sshd.knownHostsLine(s.port(), hostKey));
        try (SshConnector c = new SshConnector(settings(kh, false, List.of(userKey), null, null));
                SshTarget t = connectOrShowLog(c, "nobody@127.0.0.1:" + s.port(), s)) {
            assertThat(t.readText("/etc/passwd").orElseThrow()).contains("nobody");
            assertThat(t.read("/etc/missing")).isEmpty(); // despite sshd's "Could not chdir to home directory" on stderr
            assertThatThrownBy(() -> t.read("/etc/shadow")).isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("--sudo");
        }
        SshSettings withSudo = new SshSettings(null, List.of(userKey), kh, false, true, Duration.ofSeconds(5), null, work, "root", null);
        try (SshConnector c = new SshConnector(withSudo);
                SshTarget t = c.connect(SshAddress.parse("nobody@127.0.0.1:" + s.port()))) {
            assertThatThrownBy(() -> t.read("/etc/shadow")).isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("sudo -n refused");
        }
    }
}
