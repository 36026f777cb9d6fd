package org.vmguard.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.facts.authlog.AuthLog;
import org.vmguard.facts.authlog.AuthLogAnalysis;
import org.vmguard.facts.authlog.Thresholds;
import org.vmguard.target.RootfsTarget;
import org.vmguard.testing.Tools;

/**
 * A real OpenSSH sshd on 127.0.0.1, with its own host key and configuration, writes the log
 * ({@code -E FILE}: bare messages, no syslog stamp, host or pid, which vmguard reads as such,
 * dating them at the file's mtime and naming each connection by client address and port); the
 * real ssh client fails passwords (SSH_ASKPASS prints a wrong one), tries an account that does
 * not exist, then logs in with a key.
 */
class RealSshdTest {

    @TempDir
    Path dir;

    private Process sshd;

    @AfterEach
    void stop() throws InterruptedException {
        if (sshd != null) {
            sshd.destroy();
            sshd.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void failedPasswordsAnInvalidUserAndAnAcceptedKeyAreCountedAsSshdWroteThem() throws Exception {
        Path sshdBin = Tools.require("/usr/sbin/sshd");
        Path ssh = Tools.require("/usr/bin/ssh");
        Path keygen = Tools.require("/usr/bin/ssh-keygen");
        assumeTrue(Tools.isRoot(), "sshd must run as root to authenticate root with a password");
        run(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
        run(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("user_key").toString());
        Files.copy(dir.resolve("user_key.pub"), dir.resolve("authorized_keys"));
        Path askpass = dir.resolve("askpass");
        Files.writeString(askpass, "#!/bin/sh\necho not-the-password\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, """
                HostKey %s/host_key
                PidFile %s/sshd.pid
                AuthorizedKeysFile %s/authorized_keys
                PasswordAuthentication yes
                KbdInteractiveAuthentication no
                PermitRootLogin yes
                UsePAM yes
                StrictModes no
                LogLevel INFO
                """.formatted(dir, dir, dir));
        Files.createDirectories(Path.of("/run/sshd"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("sshd.log");
        sshd = new ProcessBuilder(sshdBin.toString(), "-D", "-e", "-f", config.toString(),
                "-o", "ListenAddress=127.0.0.1:" + port, "-E", log.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.out").toFile()).start();
        for (int i = 0; i < 100 && !(Files.exists(log) && Files.readString(log).contains("Server listening")); i++) {
            Thread.sleep(50);
        }
        assertThat(Files.readString(log)).contains("Server listening");

        Path clientConfig = Files.writeString(dir.resolve("ssh_config"), "");
        List<String> common = List.of(ssh.toString(), "-F", clientConfig.toString(), "-p", String.valueOf(port),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR");
        Map<String, String> askpassEnv = Map.of("SSH_ASKPASS", askpass.toString(), "SSH_ASKPASS_REQUIRE", "force",
                "DISPLAY", ":0");
        List<String> password = List.of("-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password");
        // two wrong passwords for root, then three for an account that does not exist
        assertThat(client(join(common, password, List.of("-o", "NumberOfPasswordPrompts=2", "root@127.0.0.1", "true")), askpassEnv))
                .isEqualTo(255);
        assertThat(client(join(common, password, List.of("-o", "NumberOfPasswordPrompts=3", "nosuchuser@127.0.0.1", "true")), askpassEnv))
                .isEqualTo(255);
        // then the key gets in
        assertThat(client(join(common, List.of("-o", "BatchMode=yes", "-i", dir.resolve("user_key").toString(),
                "root@127.0.0.1", "true")), Map.of())).as(() -> read("client.out") + read("sshd.log")).isZero();
        Thread.sleep(300);
        sshd.destroy();
        sshd.waitFor(10, TimeUnit.SECONDS);

        String text = Files.readString(log);
        assertThat(text).contains("Failed password for root from 127.0.0.1")
                .contains("Invalid user nosuchuser from 127.0.0.1")
                .contains("Accepted publickey for root from 127.0.0.1");
        AuthLogAnalysis a = AuthLog.files(new RootfsTarget(Path.of("/")), List.of(log.toString()),
                Thresholds.FAIL2BAN_DEFAULTS, ZoneOffset.UTC);
        AuthLogAnalysis.Source local = a.source("127.0.0.1").orElseThrow();
        // 2 failed passwords for root; "Invalid user" and 3 failed passwords for nosuchuser
        assertThat(local.failures()).isEqualTo(2 + 1 + 3);
        assertThat(local.invalidUsers()).isEqualTo(1);
        assertThat(local.successes()).isEqualTo(1);
        assertThat(local.users()).containsExactly("root", "nosuchuser");
        assertThat(local.bruteForce()).isTrue();
        assertThat(a.findings(AuthLogAnalysis.SUCCESS_AFTER_FAILURES)).singleElement()
                .satisfies(f -> {
                    assertThat(f.user()).isEqualTo("root");
                    assertThat(f.evidence().getFirst().text()).startsWith("Accepted publickey for root from 127.0.0.1");
                });
        assertThat(a.findings(AuthLogAnalysis.ROOT_LOGIN)).hasSize(1);
        assertThat(a.findings(AuthLogAnalysis.PASSWORD_LOGIN)).isEmpty();
        assertThat(a.users()).anySatisfy(u -> {
            assertThat(u.user()).isEqualTo("nosuchuser");
            assertThat(u.invalid()).isTrue();
            assertThat(u.failures()).isEqualTo(4);
        });
        // the lines sshd writes about itself ("Server listening on …", "Received signal 15") are no auth lines
        long own = text.lines().filter(l -> l.startsWith("Server listening") || l.startsWith("Received signal")).count();
        assertThat(a.unparsed()).isEqualTo(own);
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            return name + ": " + e.getMessage();
        }
    }

    @SafeVarargs
    private static List<String> join(List<String>... parts) {
        List<String> out = new ArrayList<>();
        for (List<String> p : parts) {
            out.addAll(p);
        }
        return out;
    }

    private int client(List<String> argv, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(prepend("setsid", argv));
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(Files.writeString(dir.resolve("stdin"), "").toFile()));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("client.out").toFile()));
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static List<String> prepend(String first, List<String> rest) {
        // setsid -w: no controlling terminal, so ssh asks SSH_ASKPASS; -w returns ssh's status
        List<String> out = new ArrayList<>(List.of(first, "-w"));
        out.addAll(rest);
        return out;
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }
}
