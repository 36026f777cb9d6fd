package org.vmguard.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Netns;
import org.vmguard.testing.Tools;

/**
 * The TLS probe against Debian's `openssl s_server` on 127.0.0.1, told which versions to offer
 * and which certificate to show (made here with `openssl`: one issued by a test CA, one
 * expired, one self-signed for another name, an RSA one). TLS 1.0/1.1 need the cipher string's
 * SECLEVEL=0 in Debian's OpenSSL 3; what the probe reports must be exactly what s_server offers.
 */
@Tag("slow")
class TlsProbeTest {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final String OLD = "DEFAULT:@SECLEVEL=0";

    @TempDir
    static Path dir;

    static Path openssl;
    final List<Process> servers = new ArrayList<>();

    @BeforeAll
    static void certificates() {
        openssl = Tools.require("/usr/bin/openssl");
        Path ca = dir.resolve("ca");
        sh("mkdir -p " + ca + " && cd " + ca + " && touch index.txt && echo 01 > serial && printf '%s' '"
                + "[ca]\ndefault_ca = test\n[test]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\n"
                + "default_md = sha256\npolicy = any\ncopy_extensions = copy\nunique_subject = no\n"
                + "[any]\ncommonName = supplied\n' > ca.cnf");
        String ec = " -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes";
        // a CA and a certificate it issued for localhost and 127.0.0.1
        sh("cd " + dir + " && openssl req -x509" + ec + " -keyout ca.key -out ca.pem -subj '/CN=vmguard test CA' -days 2"
                + " && openssl req -new" + ec + " -keyout good.key -out good.csr -subj /CN=localhost"
                + " -addext subjectAltName=DNS:localhost,IP:127.0.0.1"
                + " && openssl x509 -req -in good.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2"
                + " -copy_extensions copy -out good.pem");
        // self-signed for localhost, valid only in January 2020
        sh("cd " + ca + " && openssl req -new" + ec + " -keyout ../old.key -out old.csr -subj /CN=localhost"
                + " -addext subjectAltName=DNS:localhost"
                + " && openssl ca -batch -config ca.cnf -selfsign -keyfile ../old.key -in old.csr -out ../old.pem"
                + " -startdate 20200101000000Z -enddate 20200201000000Z");
        // self-signed for a name that is not this host's, no subjectAltName: the CN is its name
        sh("cd " + dir + " && openssl req -x509" + ec + " -keyout other.key -out other.pem -subj /CN=other.example -days 2");
        // RSA, for RSA key exchange, whose suites the JDK no longer speaks
        sh("cd " + dir + " && openssl req -x509 -newkey rsa:2048 -nodes -keyout rsa.key -out rsa.pem -subj /CN=localhost"
                + " -addext subjectAltName=DNS:localhost -days 2");
    }

    static void sh(String script) {
        Netns.Result r = Netns.run(List.of("sh", "-c", script));
        assertThat(r.code()).as("%s\n%s", script, r.err()).isZero();
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        for (Process p : servers) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** `openssl s_server -www` on a free loopback port with {@code cert}.pem and these options; returns the port. */
    InetSocketAddress serve(String cert, String... options) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(openssl.toString(), "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", dir.resolve(cert + ".pem").toString(), "-key", dir.resolve(cert + ".key").toString(), "-www"));
        cmd.addAll(List.of(options));
        Path log = dir.resolve("s_server-" + port + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        servers.add(p);
        InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket()) {
                s.connect(at, 200);
                return at;
            } catch (IOException e) {
                if (!p.isAlive()) {
                    throw new AssertionError("s_server exited: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("s_server never listened: " + Files.readString(log));
    }

    static TlsServer seen(Probed<TlsServer> p) {
        assertThat(p).isInstanceOf(Probed.Seen.class);
        return ((Probed.Seen<TlsServer>) p).value();
    }

    @Test
    void aTls10OnlyServerWithAnExpiredSelfSignedCertificate() throws Exception {
        InetSocketAddress at = serve("old", "-tls1", "-cipher", OLD);
        Probed<TlsServer> p = TlsProbe.probe(at, "localhost", TIMEOUT);
        TlsServer s = seen(p);
        assertThat(s.protocolsAccepted()).containsExactly("TLSv1");
        assertThat(s.expired(Instant.now())).isTrue();
        assertThat(s.notAfter()).isEqualTo(Instant.parse("2020-02-01T00:00:00Z"));
        assertThat(s.selfSigned()).isTrue();
        assertThat(s.names()).containsExactly("localhost");
        // offered TLS 1.1 and 1.2, OpenSSL answers with the 1.0 it has; offered only 1.3, it says protocol_version
        assertThat(((Probed.Seen<TlsServer>) p).evidence()).extracting(e -> e.command() + ": " + e.text()).contains(
                "tls 127.0.0.1:" + at.getPort() + " TLSv1.2: refused: answered with TLSv1 instead",
                "tls 127.0.0.1:" + at.getPort() + " TLSv1.3: refused: (protocol_version) Received fatal alert: protocol_version");
    }

    @Test
    void tls11And12WithACertificateSelfSignedForAnotherName() throws Exception {
        TlsServer s = seen(TlsProbe.probe(serve("other", "-no_tls1", "-no_tls1_3", "-cipher", OLD), "localhost", TIMEOUT));
        assertThat(s.protocolsAccepted()).containsExactly("TLSv1.1", "TLSv1.2");
        assertThat(s.selfSigned()).isTrue();
        assertThat(s.subject()).isEqualTo("CN=other.example");
        assertThat(s.names()).containsExactly("other.example"); // no subjectAltName: the CN
        assertThat(s.nameMatches("localhost")).isFalse();
        assertThat(s.expired(Instant.now())).isFalse();
    }

    @Test
    void debiansDefaultsWithACertificateFromACa() throws Exception {
        TlsServer s = seen(TlsProbe.probe(serve("good"), "localhost", TIMEOUT));
        assertThat(s.protocolsAccepted()).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(s.selfSigned()).isFalse();
        assertThat(s.names()).containsExactly("localhost", "127.0.0.1");
        assertThat(s.nameMatches("localhost")).isTrue();
        assertThat(s.nameMatches("127.0.0.1")).isTrue();
        assertThat(s.expired(Instant.now())).isFalse();
    }

    @Test
    void aTls13OnlyServerShowsItsCertificateThroughTheRealHandshake() throws Exception {
        TlsServer s = seen(TlsProbe.probe(serve("good", "-tls1_3"), "127.0.0.1", TIMEOUT));
        assertThat(s.protocolsAccepted()).containsExactly("TLSv1.3");
        assertThat(s.subject()).isEqualTo("CN=localhost");
    }

    @Test
    void tls12WithOnlyRsaKeyExchangeWhichTheJdkNoLongerSpeaks() throws Exception {
        TlsServer s = seen(TlsProbe.probe(serve("rsa", "-tls1_2", "-cipher", "AES128-SHA"), "localhost", TIMEOUT));
        assertThat(s.protocolsAccepted()).containsExactly("TLSv1.2");
    }

    @Test
    void theServerNameIsSentSoTheServerPicksTheCertificateForIt() throws Exception {
        InetSocketAddress at = serve("good", "-servername", "other.example", "-cert2", dir.resolve("other.pem").toString(),
                "-key2", dir.resolve("other.key").toString(), "-cipher", OLD, "-tls1_1");
        assertThat(seen(TlsProbe.probe(at, "other.example", TIMEOUT)).subject()).isEqualTo("CN=other.example");
        assertThat(seen(TlsProbe.probe(at, "localhost", TIMEOUT)).subject()).isEqualTo("CN=localhost");
        InetSocketAddress at13 = serve("good", "-servername", "other.example", "-cert2", dir.resolve("other.pem").toString(),
                "-key2", dir.resolve("other.key").toString(), "-tls1_3");
        assertThat(seen(TlsProbe.probe(at13, "other.example", TIMEOUT)).subject()).isEqualTo("CN=other.example");
    }

    @Test
    void aClosedPortIsAbsent() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThat(TlsProbe.probe(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), "localhost", TIMEOUT))
                .isInstanceOfSatisfying(Probed.Absent.class, a -> assertThat(a.reason()).contains("nothing accepts"));
    }

    @Test
    void aPlainTextServiceIsAbsentAsNotTls() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.startVirtualThread(() -> {
                try (Socket c = server.accept()) {
                    c.getInputStream().read(new byte[512]);
                    c.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                } catch (IOException e) {
                    // the probe hung up
                }
            });
            InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
            assertThat(TlsProbe.probe(at, "localhost", TIMEOUT))
                    .isInstanceOfSatisfying(Probed.Absent.class, a -> assertThat(a.reason()).contains("not a TLS service"));
        }
    }
}
