package org.vmguard.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vmguard.probe.SmtpProbeHostilePeerTest.Peer;

/**
 * Answers real servers seldom give, played by a socket on 127.0.0.1: chunked and interim
 * responses, another charset, and peers that send too much, too slowly or not HTTP at all.
 */
class HttpProbePeerTest {

    static final Duration TIMEOUT = Duration.ofMillis(500);

    static Probed<HttpPage> get(Peer p) {
        return HttpProbe.get(p.at(), "localhost", false, TIMEOUT);
    }

    static HttpPage seen(Probed<HttpPage> p) {
        assertThat(p).isInstanceOf(Probed.Seen.class);
        return ((Probed.Seen<HttpPage>) p).value();
    }

    static void drainRequest(java.io.InputStream in) throws java.io.IOException {
        String line;
        do {
            line = PortScan.line(in, 8192);
        } while (line != null && !line.isEmpty());
    }

    @Test
    void aChunkedBodyAfterAnInterimResponseIsReassembled() throws Exception {
        try (Peer p = new Peer((in, out) -> {
            drainRequest(in);
            SmtpProbeHostilePeerTest.say(out, "HTTP/1.1 100 Continue\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nServer: test\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "7\r\n<title>\r\n5;ext=1\r\nHello\r\n8\r\n</title>\r\n0\r\n\r\n");
        })) {
            HttpPage page = seen(get(p));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.server()).isEqualTo("test");
            assertThat(page.bodyStart()).isEqualTo("<title>Hello</title>");
            assertThat(page.title()).isEqualTo("Hello");
        }
    }

    @Test
    void theDeclaredCharsetDecodesTheBody() throws Exception {
        try (Peer p = new Peer((in, out) -> {
            drainRequest(in);
            byte[] body = "<title>Caf\u00e9</title>".getBytes(StandardCharsets.ISO_8859_1);
            out.write(("HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
        })) {
            assertThat(seen(get(p)).title()).isEqualTo("Caf\u00e9");
        }
    }

    @Test
    void onlyTheFirst64KibOfAHugeBodyAreRead() throws Exception {
        try (Peer p = new Peer((in, out) -> {
            drainRequest(in);
            SmtpProbeHostilePeerTest.say(out, "HTTP/1.1 200 OK\r\n\r\n");
            byte[] block = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 1024; i++) { // 8 MiB unless the probe hangs up first
                out.write(block);
            }
        })) {
            assertThat(seen(get(p)).bodyStart()).hasSize(HttpProbe.MAX_BODY);
        }
    }

    @Test
    void aServerThatNeverClosesYieldsWhatCameWithinTheDeadline() throws Exception {
        try (Peer p = new Peer((in, out) -> {
            drainRequest(in);
            SmtpProbeHostilePeerTest.say(out, "HTTP/1.1 200 OK\r\n\r\n<title>slow</title>");
            Thread.sleep(5000);
        })) {
            long start = System.nanoTime();
            HttpPage page = seen(get(p));
            assertThat(page.title()).isEqualTo("slow");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(TIMEOUT.multipliedBy(2).toMillis() + 3000);
        }
    }

    @Test
    void anSshServerIsNotHttp() throws Exception {
        try (Peer p = new Peer((in, out) -> SmtpProbeHostilePeerTest.say(out, "SSH-2.0-OpenSSH_9.2p1\r\n"))) {
            assertThat(get(p)).isInstanceOfSatisfying(Probed.Absent.class,
                    a -> assertThat(a.reason()).contains("not an HTTP server").contains("SSH-2.0"));
        }
    }

    @Test
    void anEndlessHeaderLineIsCouldNotTell() throws Exception {
        try (Peer p = new Peer((in, out) -> {
            drainRequest(in);
            SmtpProbeHostilePeerTest.say(out, "HTTP/1.1 200 OK\r\nX-Junk: ");
            byte[] junk = "A".repeat(1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 1024; i++) {
                out.write(junk);
            }
        })) {
            assertThat(get(p)).isInstanceOfSatisfying(Probed.Failed.class,
                    f -> assertThat(f.reason()).contains("longer than " + HttpProbe.MAX_LINE));
        }
    }

    @Test
    void aHostThatWouldSplitTheRequestIsRefused() {
        InetSocketAddress nowhere = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
        assertThatThrownBy(() -> HttpProbe.get(nowhere, "a\r\nX-Evil: 1", false, TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
