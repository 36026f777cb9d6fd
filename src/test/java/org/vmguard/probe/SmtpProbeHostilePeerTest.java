package org.vmguard.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Peers that are not well-behaved mail servers, played by a socket this test opens on
 * 127.0.0.1: the probe must stay within its limits and say "absent" or "could not tell".
 */
class SmtpProbeHostilePeerTest {

    static final Duration TIMEOUT = Duration.ofMillis(400);

    interface Script {
        void play(InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    /** Serves one connection with {@code script}, then closes. */
    static final class Peer implements AutoCloseable {
        final ServerSocket server;

        Peer(Script script) throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            Thread.startVirtualThread(() -> {
                try (Socket s = server.accept()) {
                    script.play(s.getInputStream(), s.getOutputStream());
                } catch (IOException | InterruptedException e) {
                    // the probe hung up: that is its right
                }
            });
        }

        InetSocketAddress at() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    static void say(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    static Probed<SmtpDialogue> probe(Peer p) {
        return SmtpProbe.relay(p.at(), "probe.example.org", "a@example.org", "b@example.net", TIMEOUT);
    }

    @Test
    void anSshServerIsNotSmtp() throws Exception {
        try (Peer p = new Peer((in, out) -> {
            say(out, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
            Thread.sleep(2000);
        })) {
            assertThat(probe(p)).isInstanceOfSatisfying(Probed.Absent.class,
                    a -> assertThat(a.reason()).contains("not an SMTP server").contains("SSH-2.0"));
        }
    }

    @Test
    void anEndlessLineIsCutAtTheLimit() throws Exception {
        try (Peer p = new Peer((in, out) -> {
            byte[] junk = "A".repeat(1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 1024; i++) {
                out.write(junk);
            }
        })) {
            assertThat(probe(p)).isInstanceOfSatisfying(Probed.Absent.class,
                    a -> assertThat(a.reason()).contains("longer than " + SmtpProbe.MAX_LINE));
        }
    }

    @Test
    void aSilentServiceIsAbsentAfterTheTimeout() throws Exception {
        try (Peer p = new Peer((in, out) -> Thread.sleep(3000))) {
            assertThat(probe(p)).isInstanceOf(Probed.Absent.class);
        }
    }

    @Test
    void aTricklingServerCannotHoldTheProbeBeyondItsDeadline() throws Exception {
        try (Peer p = new Peer((in, out) -> {
            say(out, "220-");
            for (int i = 0; i < 200; i++) {
                say(out, "x");
                Thread.sleep(40);
            }
        })) {
            Duration each = Duration.ofMillis(100); // each byte comes well within it
            long start = System.nanoTime();
            Probed<SmtpDialogue> r = SmtpProbe.relay(p.at(), "probe.example.org", "a@example.org", "b@example.net", each);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(r).isInstanceOf(Probed.Absent.class);
            assertThat(ms).isBetween(each.multipliedBy(SmtpProbe.EXCHANGES).toMillis() - 50,
                    each.multipliedBy(SmtpProbe.EXCHANGES).toMillis() + 3000);
        }
    }

    @Test
    void aServerThatHangsUpAfterEhloIsCouldNotTell() throws Exception {
        try (Peer p = new Peer((in, out) -> {
            say(out, "220 mx.example.net ESMTP\r\n");
            PortScan.line(in, 1000);
        })) {
            assertThat(probe(p)).isInstanceOfSatisfying(Probed.Failed.class,
                    f -> assertThat(f.reason()).contains("after \"EHLO probe.example.org\""));
        }
    }

    @Test
    void aServerRefusingUsForGoodIsSeenNotRelaying() throws Exception {
        try (Peer p = new Peer((in, out) -> {
            say(out, "554 5.7.1 mx.example.net: no service for you\r\n");
            PortScan.line(in, 1000);
            say(out, "221 bye\r\n");
        })) {
            var seen = (Probed.Seen<SmtpDialogue>) probe(p);
            assertThat(seen.value().rcptCode()).isZero();
            assertThat(seen.value().relayAccepted()).isFalse();
            assertThat(seen.value().transcript()).doesNotContain("C: MAIL FROM:<a@example.org>");
        }
    }

    @Test
    void aServerTurningUsAwayForNowIsCouldNotTell() throws Exception {
        try (Peer p = new Peer((in, out) -> say(out, "421 4.3.2 too busy\r\n"))) {
            assertThat(probe(p)).isInstanceOfSatisfying(Probed.Failed.class,
                    f -> assertThat(f.reason()).contains("421 4.3.2 too busy"));
        }
    }

    @Test
    void aServerDemandingStartTlsBeforeMailIsCouldNotTell() throws Exception {
        try (Peer p = new Peer((in, out) -> {
            say(out, "220 mx ESMTP\r\n");
            PortScan.line(in, 1000);
            say(out, "250-mx\r\n250 STARTTLS\r\n");
            PortScan.line(in, 1000);
            say(out, "530 5.7.0 Must issue a STARTTLS command first\r\n");
            PortScan.line(in, 1000);
            say(out, "221 bye\r\n");
        })) {
            assertThat(probe(p)).isInstanceOfSatisfying(Probed.Failed.class,
                    f -> assertThat(f.reason()).contains("530 5.7.0"));
        }
    }

    @Test
    void argumentsThatWouldSmuggleACommandAreRefused() {
        InetSocketAddress nowhere = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
        assertThatThrownBy(() -> SmtpProbe.relay(nowhere, "x", "a@example.org>\r\nDATA", "b@example.net", TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpProbe.relay(nowhere, "x y", "a@example.org", "b@example.net", TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
