package org.vmguard.target.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.target.ExecResult;
import org.vmguard.target.FileStat;
import org.vmguard.target.RootfsTarget;
import org.vmguard.target.Target;
import org.vmguard.testing.Sshd;
import org.vmguard.testing.Tree;

/** The SSH target against a real OpenSSH server chrooted into a fixture, compared with the rootfs target. */
@Tag("slow")
class SshTargetTest {

    static final List<String> HOSTILE = List.of("; rm -rf x", "$(touch pwned1)", "`touch pwned2`", "it's \"quoted\"",
            "new\nline", "back\\slash", "-dash", " spaced ", "*", "$HOME", "a'b'c", "tab\there");

    @TempDir
    static Path work;

    static Path root;
    static Sshd sshd;
    static Sshd sshdWithoutSftp;
    static SshConnector connector;
    static SshTarget remote;
    static SshTarget remoteByCommands;
    static RootfsTarget local;

    @BeforeAll
    static void start() throws Exception {
        Sshd.requireUsable();
        root = Sshd.chrootBase().resolve("root");
        Tree t = new Tree(root)
                .file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n")
                .file("/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
                .file("/etc/secret", "s3cret\n").mode("/etc/secret", "rw-------")
                .file("/etc/empty", "")
                .dir("/etc/ssh/sshd_config.d")
                .symlink("/etc/link", "/etc/passwd")
                .symlink("/etc/relative", "../etc/os-release")
                .symlink("/etc/dangling", "/nowhere")
                .symlink("/etc/dirlink", "ssh");
        for (String h : HOSTILE) {
            t.file("/data/" + h.replace("/", "_"), "content of " + h + "\n");
        }
        Sshd.installTools(root);
        Files.writeString(root.resolve("etc/fifo-not"), "x");
        Path hostKey = Sshd.keygen(work.resolve("host_ed25519"));
        Path userKey = Sshd.keygen(work.resolve("id_ed25519"));
        Files.copy(Path.of(userKey + ".pub"), work.resolve("authorized_keys"));
        sshd = Sshd.start(work.resolve("sshd"), root, List.of(hostKey), work.resolve("authorized_keys"), "");
        sshdWithoutSftp = Sshd.start(work.resolve("sshd-nosftp"), root, List.of(hostKey), work.resolve("authorized_keys"), "#no-sftp\n");
        Path kh = work.resolve("known_hosts");
        Files.writeString(kh, Sshd.knownHostsLine(sshd.port(), hostKey) + Sshd.knownHostsLine(sshdWithoutSftp.port(), hostKey));
        connector = new SshConnector(new SshSettings(null, List.of(userKey), kh, false, false, Duration.ofSeconds(10),
                null, work, "root", null));
        remote = connector.connect(SshAddress.parse(sshd.address()));
        remoteByCommands = connector.connect(SshAddress.parse(sshdWithoutSftp.address()));
        local = new RootfsTarget(root);
    }

    @AfterAll
    static void stop() {
        if (remote != null) {
            remote.close();
        }
        if (remoteByCommands != null) {
            remoteByCommands.close();
        }
        if (sshdWithoutSftp != null) {
            sshdWithoutSftp.close();
        }
        if (connector != null) {
            connector.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    static List<String> paths() {
        List<String> p = new ArrayList<>(List.of("/etc/passwd", "/etc/os-release", "/etc/empty", "/etc/link",
                "/etc/relative", "/etc/dangling", "/etc/dirlink", "/etc", "/etc/", "/etc/ssh", "/nope", "/nope/deeper",
                "/etc/passwd/inside", "/", "/data", "/etc/../etc/passwd", "/etc/secret"));
        HOSTILE.forEach(h -> p.add("/data/" + h.replace("/", "_")));
        return p;
    }

    /** What a target says about a path, failures included, as comparable text. */
    static String describe(Target t, String path) {
        StringBuilder b = new StringBuilder(path).append('\n');
        b.append("read: ").append(attempt(() -> t.read(path).map(x -> new String(x, StandardCharsets.UTF_8))));
        b.append("\nlist: ").append(attempt(() -> Optional.of(t.list(path))));
        b.append("\nstat: ").append(attempt(() -> t.stat(path).map(FileStat::toString)));
        b.append("\nlink: ").append(attempt(() -> t.readLink(path)));
        return b.toString();
    }

    interface Op {
        Optional<?> get() throws IOException;
    }

    static String attempt(Op op) {
        try {
            return String.valueOf(op.get());
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        }
    }

    @Test
    void readsListsStatsAndFollowsLinksOverSftpExactlyAsTheRootfsTargetDoes() {
        for (String p : paths()) {
            assertThat(describe(remote, p)).as(p).isEqualTo(describe(local, p));
        }
    }

    @Test
    void readsListsStatsAndFollowsLinksThroughCommandsExactlyAsTheRootfsTargetDoes() {
        for (String p : paths()) {
            assertThat(describe(remoteByCommands, p)).as(p).isEqualTo(describe(local, p));
        }
    }

    static long commandsRun(Sshd s) throws IOException {
        return Files.readString(s.dir().resolve("sshd.log")).lines().filter(l -> l.contains("Starting session: command")).count();
    }

    @Test
    void filesAreReadOverTheSftpChannelNotOneCommandEach() throws IOException {
        long before = commandsRun(sshd);
        for (String p : paths()) {
            describe(remote, p);
        }
        assertThat(commandsRun(sshd)).isEqualTo(before);
        long viaCommands = commandsRun(sshdWithoutSftp);
        remoteByCommands.read("/etc/passwd");
        assertThat(commandsRun(sshdWithoutSftp)).isEqualTo(viaCommands + 1);
    }

    @Test
    void hostileFileNamesAreReadLiterallyAndRunNothing() throws IOException {
        for (SshTarget t : List.of(remote, remoteByCommands)) {
            assertThat(t.list("/data")).containsExactlyInAnyOrderElementsOf(
                    HOSTILE.stream().map(h -> h.replace("/", "_")).toList());
            for (String h : HOSTILE) {
                assertThat(t.readText("/data/" + h)).contains("content of " + h + "\n");
            }
        }
        assertThat(Files.exists(root.resolve("pwned1"))).isFalse();
        assertThat(Files.exists(root.resolve("root/pwned1"))).isFalse();
        assertThat(Files.exists(root.resolve("root/pwned2"))).isFalse();
    }

    @Test
    void commandArgumentsReachTheProgramUnchangedWhateverTheyContain() throws IOException {
        List<String> argv = new ArrayList<>(List.of("printf", "[%s]\\n"));
        argv.addAll(HOSTILE);
        ExecResult r = remote.exec(argv, Duration.ofSeconds(10));
        StringBuilder expected = new StringBuilder();
        HOSTILE.forEach(h -> expected.append('[').append(h).append("]\n"));
        assertThat(r.stdout()).isEqualTo(expected.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(Files.exists(root.resolve("pwned1"))).isFalse();
        assertThat(Files.exists(root.resolve("root/pwned1"))).isFalse();
    }

    @Test
    void aNulByteInAnArgumentIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> remote.exec(List.of("printf", "a\0b"), Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class).hasMessageContaining("NUL");
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsStoppedWithTheReason() {
        assertThatThrownBy(() -> remote.exec(List.of("sleep", "30"), Duration.ofSeconds(1)))
                .isInstanceOf(IOException.class).hasMessageContaining("did not finish within 1 s");
    }

    @Test
    void aServerKilledMidAuditMakesTheTargetLostWithTheReasonOverSftpAndCommands() throws Exception {
        for (String extra : List.of("", "#no-sftp\n")) {
            Sshd s = Sshd.start(work.resolve("sshd-killed" + extra.length()), root, List.of(work.resolve("host_ed25519")),
                    work.resolve("authorized_keys"), extra);
            Path kh = work.resolve("kh-killed" + extra.length());
            Files.writeString(kh, Sshd.knownHostsLine(s.port(), work.resolve("host_ed25519")));
            try (SshConnector c = new SshConnector(new SshSettings(null, List.of(work.resolve("id_ed25519")), kh, false,
                    false, Duration.ofSeconds(5), null, work, "root", null));
                    SshTarget t = c.connect(SshAddress.parse(s.address()))) {
                assertThat(t.read("/etc/passwd")).isPresent();
                s.kill();
                assertThatThrownBy(() -> {
                    for (int i = 0; i < 3; i++) {
                        t.read("/etc/os-release");
                    }
                }).as(extra).isInstanceOf(SshFailure.class).hasMessageContaining("lost during the audit");
                assertThat(t.lost()).isPresent();
            } finally {
                s.close();
            }
        }
    }

    @Test
    void reportsTheHostKeyItVerified() throws IOException {
        String pub = Files.readString(work.resolve("host_ed25519.pub"));
        assertThat(remote.hostKeyFingerprint()).startsWith("SHA256:");
        String keygen = runKeygenFingerprint(work.resolve("host_ed25519.pub"));
        assertThat(keygen).contains(remote.hostKeyFingerprint());
        assertThat(pub).startsWith("ssh-ed25519");
    }

    static String runKeygenFingerprint(Path pub) throws IOException {
        Process p = new ProcessBuilder("ssh-keygen", "-l", "-f", pub.toString()).redirectErrorStream(true).start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
