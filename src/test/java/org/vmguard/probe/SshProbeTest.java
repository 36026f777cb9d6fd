package org.vmguard.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Evidence;
import org.vmguard.testing.Sshd;
import org.vmguard.testing.Tools;

/**
 * The SSH probe against real OpenSSH servers on 127.0.0.1 (what they offer is checked against
 * {@code sshd -T} on the same config) and against listeners that misbehave on purpose.
 */
@Tag("slow")
class SshProbeTest {

    /** Markers in the kex list that announce extensions; sshd -T does not print them. */
    static final Set<String> KEX_MARKERS = Set.of("ext-info-s", "kex-strict-s-v00@openssh.com");

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path work;

    static Sshd publickeyOnly;
    static Sshd withPassword;
    static Sshd weak;
    static Sshd onlyWeak;
    static Path ed25519;
    static Path rsa;

    @BeforeAll
    static void start() throws Exception {
        Tools.require("/usr/sbin/sshd");
        Tools.require("/usr/bin/ssh-keygen");
        ed25519 = Sshd.keygen(work.resolve("host_ed25519"));
        rsa = work.resolve("host_rsa");
        run(List.of("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-C", "vmguard-test", "-f", rsa.toString()));
        Path authorized = Files.writeString(work.resolve("authorized_keys"), "");
        publickeyOnly = Sshd.start(work.resolve("publickey"), null, List.of(ed25519), authorized, "");
        // the fixture's own settings come first and sshd keeps the first value: Match all overrides them
        withPassword = Sshd.start(work.resolve("password"), null, List.of(ed25519), authorized,
                "Match all\n  PasswordAuthentication yes\n");
        weak = Sshd.start(work.resolve("weak"), null, List.of(ed25519, rsa), authorized, """
                Ciphers +aes128-cbc,3des-cbc
                KexAlgorithms +diffie-hellman-group14-sha1,diffie-hellman-group1-sha1
                HostKeyAlgorithms +ssh-rsa
                MACs +hmac-md5,hmac-sha1-96
                """);
        // what an old server offers: nothing but algorithms OpenSSH itself has since dropped
        onlyWeak = Sshd.start(work.resolve("only-weak"), null, List.of(rsa), authorized, """
                Ciphers 3des-cbc
                KexAlgorithms diffie-hellman-group1-sha1
                HostKeyAlgorithms ssh-rsa
                MACs hmac-md5
                Match all
                  PasswordAuthentication yes
                """);
        // MINA's first start in this JVM loads hundreds of classes: not what the timing tests measure
        SshProbe.authMethods(at(publickeyOnly.port()), "root", TIMEOUT);
    }

    @AfterAll
    static void stop() {
        for (Sshd s : new Sshd[] {publickeyOnly, withPassword, weak, onlyWeak}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void kexinitListsWhatSshdTSaysForTheDefaultConfig() throws Exception {
        assertMatchesSshdT(publickeyOnly, Set.of("ed25519"));
    }

    @Test
    void kexinitListsTheWeakAlgorithmsAConfigAddsAndOnlyHostKeysThatArePresent() throws Exception {
        SshServer s = assertMatchesSshdT(weak, Set.of("ed25519", "rsa"));
        assertThat(s.ciphers()).contains("aes128-cbc", "3des-cbc");
        assertThat(s.kex()).contains("diffie-hellman-group14-sha1", "diffie-hellman-group1-sha1");
        assertThat(s.hostKeys()).contains("ssh-rsa", "rsa-sha2-512", "ssh-ed25519");
        assertThat(s.macs()).contains("hmac-md5", "hmac-sha1-96");
    }

    @Test
    void kexinitEvidenceNamesTheExchangeAndQuotesTheServer() throws Exception {
        Probed<SshServer> p = SshProbe.kexinit(at(publickeyOnly.port()), TIMEOUT);
        assertThat(p).isInstanceOf(Probed.Seen.class);
        Probed.Seen<SshServer> seen = (Probed.Seen<SshServer>) p;
        List<Evidence> ev = seen.evidence();
        String host = "ssh 127.0.0.1:" + publickeyOnly.port();
        assertThat(ev).extracting(Evidence::command).containsExactly(host + " (banner)",
                host + " (kexinit: kex algorithms)", host + " (kexinit: host key algorithms)",
                host + " (kexinit: ciphers)", host + " (kexinit: macs)");
        assertThat(ev.get(0).text()).isEqualTo(seen.value().banner());
        assertThat(ev.get(3).text()).isEqualTo(String.join(",", seen.value().ciphers()));
    }

    @Test
    void authMethodsArePublickeyAloneWhenPasswordsAreOff() {
        Probed<List<String>> p = SshProbe.authMethods(at(publickeyOnly.port()), "root", TIMEOUT);
        assertThat(p).isInstanceOf(Probed.Seen.class);
        assertThat(((Probed.Seen<List<String>>) p).value()).containsExactly("publickey");
    }

    @Test
    void authMethodsIncludePasswordWhenTheServerOffersIt() {
        Probed<List<String>> p = SshProbe.authMethods(at(withPassword.port()), "nobody-such", TIMEOUT);
        assertThat(p).isInstanceOf(Probed.Seen.class);
        Probed.Seen<List<String>> seen = (Probed.Seen<List<String>>) p;
        assertThat(seen.value()).containsExactly("publickey", "password");
        assertThat(seen.evidence()).extracting(Evidence::command)
                .contains("ssh 127.0.0.1:" + withPassword.port() + " (\"none\" authentication as nobody-such)");
        assertThat(seen.evidence()).extracting(Evidence::text).contains("authentications that can continue: publickey,password");
    }

    /** The servers that most need auditing offer only old algorithms: the probe must still get in. */
    @Test
    void authMethodsWorkWithAServerOfferingOnlyWeakAlgorithms() throws Exception {
        SshServer s = assertMatchesSshdT(onlyWeak, Set.of("rsa"));
        assertThat(s.hostKeys()).containsExactly("ssh-rsa");
        Probed<List<String>> p = SshProbe.authMethods(at(onlyWeak.port()), "root", TIMEOUT);
        assertThat(p).isInstanceOf(Probed.Seen.class);
        assertThat(((Probed.Seen<List<String>>) p).value()).containsExactly("publickey", "password");
    }

    /**
     * Another implementation: MINA's server in this JVM, offering password and keyboard-interactive
     * but no public keys. Its offer must be its configured factories, in their order.
     */
    @Test
    void aNonOpensshServerIsReadToo() throws Exception {
        org.apache.sshd.server.SshServer mina = org.apache.sshd.server.SshServer.setUpDefaultServer();
        mina.setHost("127.0.0.1");
        mina.setPort(0);
        mina.setKeyPairProvider(new org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider(work.resolve("mina_host")));
        mina.setPasswordAuthenticator((user, password, session) -> false);
        mina.setKeyboardInteractiveAuthenticator(
                new org.apache.sshd.server.auth.keyboard.DefaultKeyboardInteractiveAuthenticator());
        mina.setUserAuthFactories(List.of(org.apache.sshd.server.auth.password.UserAuthPasswordFactory.INSTANCE,
                org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory.INSTANCE));
        mina.start();
        try {
            Probed<SshServer> k = SshProbe.kexinit(at(mina.getPort()), TIMEOUT);
            SshServer s = ((Probed.Seen<SshServer>) k).value();
            assertThat(s.banner()).startsWith("SSH-2.0-APACHE-SSHD-");
            List<String> kex = new ArrayList<>(s.kex());
            kex.removeIf(n -> n.startsWith("ext-info-") || n.startsWith("kex-strict-"));
            assertThat(kex).isEqualTo(mina.getKeyExchangeFactories().stream().map(f -> f.getName()).toList());
            assertThat(s.ciphers()).isEqualTo(mina.getCipherFactories().stream().map(f -> f.getName()).toList());
            assertThat(s.macs()).isEqualTo(mina.getMacFactories().stream().map(f -> f.getName()).toList());
            assertThat(s.hostKeys()).isNotEmpty();

            Probed<List<String>> a = SshProbe.authMethods(at(mina.getPort()), "root", TIMEOUT);
            assertThat(((Probed.Seen<List<String>>) a).value()).containsExactly("password", "keyboard-interactive");
        } finally {
            mina.stop(true);
        }
    }

    /** OpenSSH's own client, asked for "none" only, prints the list it got: the oracle. */
    @Test
    void authMethodsEqualWhatOpensshsClientIsTold() throws Exception {
        Tools.require("/usr/bin/ssh");
        for (Sshd sshd : List.of(publickeyOnly, withPassword)) {
            Process p = new ProcessBuilder("/usr/bin/ssh", "-v", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                    "-o", "UserKnownHostsFile=/dev/null", "-o", "PreferredAuthentications=none", "-p", String.valueOf(sshd.port()),
                    "root@127.0.0.1", "true").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            String told = out.lines().filter(l -> l.contains("Authentications that can continue: ")).findFirst()
                    .orElseThrow(() -> new AssertionError("ssh -v printed no method list:\n" + out))
                    .replaceAll(".*Authentications that can continue: ", "").strip();
            Probed<List<String>> probed = SshProbe.authMethods(at(sshd.port()), "root", TIMEOUT);
            assertThat(((Probed.Seen<List<String>>) probed).value()).isEqualTo(List.of(told.split(",")));
        }
    }

    @Test
    void authMethodsSendNoPasswordOrKey() throws Exception {
        SshProbe.authMethods(at(withPassword.port()), "root", TIMEOUT);
        // sshd logs every attempt at LogLevel VERBOSE: only "none" may appear, never a password or key try
        Path file = withPassword.dir().resolve("sshd.log");
        String log = Files.readString(file);
        for (int i = 0; i < 100 && !log.contains("Connection closed by authenticating user root"); i++) {
            Thread.sleep(50); // sshd writes its log line as the connection ends
            log = Files.readString(file);
        }
        assertThat(log).contains("Connection closed by authenticating user root")
                .doesNotContain("Failed password", "Failed publickey", "Failed keyboard-interactive", "Accepted");
    }

    @Test
    void aClosedPortIsAbsent() throws Exception {
        int port = closedPort();
        assertThat(SshProbe.kexinit(at(port), TIMEOUT)).isInstanceOf(Probed.Absent.class);
        Probed<List<String>> auth = SshProbe.authMethods(at(port), "root", TIMEOUT);
        assertThat(auth).isInstanceOf(Probed.Absent.class);
        assertThat(((Probed.Absent<List<String>>) auth).reason()).contains("refused");
    }

    /** Something else answers: not SSH, so the SSH checks are skipped, not errors. */
    @Test
    void aListenerThatIsNotSshIsAbsentForKexinit() throws Exception {
        try (Listener l = Listener.start(s -> {
            s.getInputStream().read(new byte[64]);
            write(s, "HTTP/1.0 400\r\n");
        })) {
            Probed<SshServer> p = SshProbe.kexinit(at(l.port()), TIMEOUT);
            assertThat(p).isInstanceOf(Probed.Absent.class);
            assertThat(((Probed.Absent<SshServer>) p).reason()).contains("not an SSH server", "HTTP/1.0 400");
        }
    }

    @Test
    void aListenerThatIsNotSshIsAbsentForAuthMethods() throws Exception {
        try (Listener l = Listener.start(s -> write(s, "HTTP/1.0 400\r\n"))) {
            Probed<List<String>> p = SshProbe.authMethods(at(l.port()), "root", TIMEOUT);
            assertThat(p).isInstanceOf(Probed.Absent.class);
            assertThat(((Probed.Absent<List<String>>) p).reason()).contains("not an SSH server");
        }
    }

    @Test
    void linesBeforeTheIdentificationAndIgnoreMessagesBeforeTheOfferAreAllowed() throws Exception {
        try (Listener l = Listener.start(s -> {
            write(s, "Welcome to a host that talks first\r\nSSH-2.0-Fake_1.0 extra words\r\n");
            // SSH_MSG_IGNORE with an empty string, then the offer
            s.getOutputStream().write(packet(new byte[] {2, 0, 0, 0, 0}));
            s.getOutputStream().write(kexinit("curve25519-sha256,ext-info-s", "ssh-ed25519", "aes256-gcm@openssh.com,aes128-ctr",
                    "aes128-ctr", "hmac-sha2-256", "hmac-sha2-512"));
            s.getOutputStream().flush();
            Thread.sleep(300);
        })) {
            Probed<SshServer> p = SshProbe.kexinit(at(l.port()), TIMEOUT);
            assertThat(p).isInstanceOf(Probed.Seen.class);
            assertThat(((Probed.Seen<SshServer>) p).value()).isEqualTo(new SshServer("SSH-2.0-Fake_1.0 extra words",
                    List.of("curve25519-sha256", "ext-info-s"), List.of("ssh-ed25519"),
                    List.of("aes256-gcm@openssh.com", "aes128-ctr"), List.of("hmac-sha2-256", "hmac-sha2-512")));
        }
    }

    /** Reports go to terminals: a banner cannot smuggle escape sequences into them. */
    @Test
    void controlCharactersInTheBannerAreReplaced() throws Exception {
        try (Listener l = Listener.start(s -> {
            write(s, "SSH-2.0-Evil\u001b[31mred\r\n");
            s.getOutputStream().write(kexinit("curve25519-sha256", "ssh-ed25519", "aes128-ctr", "aes128-ctr", "hmac-sha2-256",
                    "hmac-sha2-256"));
            s.getOutputStream().flush();
            Thread.sleep(300);
        })) {
            Probed.Seen<SshServer> p = (Probed.Seen<SshServer>) SshProbe.kexinit(at(l.port()), TIMEOUT);
            assertThat(p.value().banner()).isEqualTo("SSH-2.0-Evil?[31mred");
            assertThat(p.evidence().get(0).text()).isEqualTo("SSH-2.0-Evil?[31mred");
        }
    }

    @Test
    void aMalformedAlgorithmListFails() throws Exception {
        try (Listener l = Listener.start(s -> {
            write(s, "SSH-2.0-Fake\r\n");
            s.getOutputStream().write(kexinit("curve25519-sha256,,x", "ssh-ed25519", "aes128-ctr", "aes128-ctr", "hmac-sha2-256",
                    "hmac-sha2-256"));
            s.getOutputStream().flush();
            Thread.sleep(300);
        })) {
            Probed<SshServer> p = SshProbe.kexinit(at(l.port()), TIMEOUT);
            assertThat(((Probed.Failed<SshServer>) p).reason()).contains("malformed algorithm list");
        }
    }

    /** Its offer is fine, but it never answers our key exchange: authMethods gives up in time. */
    @Test
    void aServerThatStallsAfterItsOfferFailsAuthMethodsWithinTheTimeout() throws Exception {
        try (Listener l = Listener.start(s -> {
            write(s, "SSH-2.0-Stalls\r\n");
            s.getOutputStream().write(kexinit("curve25519-sha256", "ssh-ed25519", "aes128-ctr", "aes128-ctr", "hmac-sha2-256",
                    "hmac-sha2-256"));
            s.getOutputStream().flush();
            Thread.sleep(10_000);
        })) {
            Duration t = Duration.ofMillis(1500);
            long start = System.nanoTime();
            Probed<List<String>> a = SshProbe.authMethods(at(l.port()), "root", t);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(a).isInstanceOf(Probed.Failed.class);
            assertThat(((Probed.Failed<List<String>>) a).reason()).contains("within 1500 ms");
            assertThat(millis).isLessThan(t.toMillis() + 3000);
        }
    }

    /** A TLS server answers our identification with a binary alert and hangs up: not SSH. */
    @Test
    void aTlsListenerIsAbsent() throws Exception {
        try (Listener l = Listener.start(s -> {
            s.getInputStream().read(new byte[64]);
            s.getOutputStream().write(new byte[] {0x15, 0x03, 0x01, 0x00, 0x02, 0x02, 0x32}); // alert: decode_error
            s.getOutputStream().flush();
        })) {
            Probed<SshServer> p = SshProbe.kexinit(at(l.port()), TIMEOUT);
            assertThat(p).isInstanceOf(Probed.Absent.class);
            assertThat(((Probed.Absent<SshServer>) p).reason()).contains("not an SSH server");
        }
    }

    @Test
    void aListenerThatSendsEndlessTextIsAbsent() throws Exception {
        try (Listener l = Listener.start(s -> {
            byte[] chunk = "A".repeat(4096).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 100; i++) {
                s.getOutputStream().write(chunk);
            }
        })) {
            Probed<SshServer> p = SshProbe.kexinit(at(l.port()), TIMEOUT);
            assertThat(p).isInstanceOf(Probed.Absent.class);
            assertThat(((Probed.Absent<SshServer>) p).reason()).contains("a line longer than 1024 bytes");
        }
    }

    @Test
    void garbageAfterTheBannerFails() throws Exception {
        try (Listener l = Listener.start(s -> {
            write(s, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
            s.getOutputStream().write(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 1, 2, 3, 4, 5, 6, 7, 8});
            s.getOutputStream().flush();
            Thread.sleep(300);
        })) {
            Probed<SshServer> p = SshProbe.kexinit(at(l.port()), TIMEOUT);
            assertThat(p).isInstanceOf(Probed.Failed.class);
            assertThat(((Probed.Failed<SshServer>) p).reason()).contains("malformed packet");
        }
    }

    @Test
    void aWellFramedPacketThatIsNotAKexinitFails() throws Exception {
        try (Listener l = Listener.start(s -> {
            write(s, "SSH-2.0-Fake\r\n");
            // length 12, padding 4, payload: message 50 (USERAUTH_REQUEST) and six zero bytes
            s.getOutputStream().write(new byte[] {0, 0, 0, 12, 4, 50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            s.getOutputStream().flush();
            Thread.sleep(300);
        })) {
            Probed<SshServer> p = SshProbe.kexinit(at(l.port()), TIMEOUT);
            assertThat(((Probed.Failed<SshServer>) p).reason()).contains("message 50");
        }
    }

    @Test
    void aResetAfterTheBannerFails() throws Exception {
        try (Listener l = Listener.start(s -> {
            write(s, "SSH-2.0-OpenSSH_9.2p1\r\n");
            s.setSoLinger(true, 0); // close with RST
        })) {
            assertThat(SshProbe.kexinit(at(l.port()), TIMEOUT)).isInstanceOf(Probed.Failed.class);
        }
    }

    @Test
    void anSsh1OnlyServerFails() throws Exception {
        try (Listener l = Listener.start(s -> write(s, "SSH-1.5-OldServer\r\n"))) {
            Probed<SshServer> p = SshProbe.kexinit(at(l.port()), TIMEOUT);
            assertThat(((Probed.Failed<SshServer>) p).reason()).contains("before 2.0");
        }
    }

    @Test
    void aSilentListenerFailsWithinTheTimeout() throws Exception {
        try (Listener l = Listener.start(s -> Thread.sleep(10_000))) {
            Duration t = Duration.ofMillis(1500);
            long start = System.nanoTime();
            Probed<SshServer> k = SshProbe.kexinit(at(l.port()), t);
            long kexMillis = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            Probed<List<String>> a = SshProbe.authMethods(at(l.port()), "root", t);
            long authMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(k).isInstanceOf(Probed.Failed.class);
            assertThat(((Probed.Failed<SshServer>) k).reason()).contains("no SSH identification within 1500 ms");
            assertThat(a).isInstanceOf(Probed.Failed.class);
            assertThat(kexMillis).isBetween(1400L, 4500L);
            assertThat(authMillis).isBetween(1400L, 4500L);
            assertThat(((Probed.Failed<List<String>>) a).reason()).contains("no SSH identification within 1500 ms");
        }
    }

    // ----- helpers

    /** One unencrypted binary packet (RFC 4253 6) around {@code payload}, with 4+ bytes of padding. */
    static byte[] packet(byte[] payload) {
        int padding = 8 - (payload.length + 5) % 8;
        if (padding < 4) {
            padding += 8;
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 1 + payload.length + padding);
        b.putInt(1 + payload.length + padding).put((byte) padding).put(payload);
        return b.array();
    }

    /** A KEXINIT packet offering these lists (both directions as given; no compression, no languages). */
    static byte[] kexinit(String kex, String hostKeys, String cipherCs, String cipherSc, String macCs, String macSc) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(20);
        out.writeBytes(new byte[16]);
        for (String list : new String[] {kex, hostKeys, cipherCs, cipherSc, macCs, macSc, "none", "none", "", ""}) {
            byte[] text = list.getBytes(StandardCharsets.US_ASCII);
            out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(text.length).array());
            out.writeBytes(text);
        }
        out.writeBytes(new byte[5]);
        return packet(out.toByteArray());
    }

    static SshServer assertMatchesSshdT(Sshd sshd, Set<String> keyTypes) throws Exception {
        Probed<SshServer> p = SshProbe.kexinit(at(sshd.port()), TIMEOUT);
        assertThat(p).isInstanceOf(Probed.Seen.class);
        SshServer s = ((Probed.Seen<SshServer>) p).value();
        Map<String, List<String>> t = sshdT(sshd.dir().resolve("sshd_config"));
        assertThat(s.banner()).startsWith("SSH-2.0-OpenSSH_");
        List<String> kex = new ArrayList<>(s.kex());
        kex.removeAll(KEX_MARKERS);
        assertThat(kex).isEqualTo(t.get("kexalgorithms"));
        assertThat(s.ciphers()).isEqualTo(t.get("ciphers"));
        assertThat(s.macs()).isEqualTo(t.get("macs"));
        List<String> hostKeys = t.get("hostkeyalgorithms").stream().filter(a -> keyTypes.contains(keyType(a))).toList();
        assertThat(s.hostKeys()).isEqualTo(hostKeys);
        return s;
    }

    /** The key a host key algorithm signs with, or "" for certificates and security keys (none here). */
    static String keyType(String algorithm) {
        return switch (algorithm) {
            case "ssh-ed25519" -> "ed25519";
            case "rsa-sha2-256", "rsa-sha2-512", "ssh-rsa" -> "rsa";
            case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> "ecdsa";
            case "ssh-dss" -> "dsa";
            default -> "";
        };
    }

    static Map<String, List<String>> sshdT(Path config) throws IOException {
        Map<String, List<String>> out = new HashMap<>();
        for (String line : run(List.of("/usr/sbin/sshd", "-T", "-f", config.toString())).split("\n")) {
            String[] kv = line.split(" ", 2);
            if (kv.length == 2 && Set.of("kexalgorithms", "ciphers", "macs", "hostkeyalgorithms").contains(kv[0])) {
                out.put(kv[0], List.of(kv[1].strip().split(",")));
            }
        }
        assertThat(out).hasSize(4);
        return out;
    }

    static String run(List<String> argv) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(p.waitFor()).as(String.join(" ", argv) + ": " + out).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    static InetSocketAddress at(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    interface Behaviour {
        void serve(Socket s) throws Exception;
    }

    /** A loopback listener that treats every connection the same way, then closes it. */
    record Listener(ServerSocket server, List<Socket> open) implements AutoCloseable {

        static Listener start(Behaviour behaviour) throws IOException {
            ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Listener l = new Listener(server, new CopyOnWriteArrayList<>());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        l.open.add(s);
                        Thread.ofVirtual().start(() -> {
                            try (s) {
                                behaviour.serve(s);
                            } catch (Exception e) {
                                // the probe hung up first, or the test ended: nothing to do
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            return l;
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
