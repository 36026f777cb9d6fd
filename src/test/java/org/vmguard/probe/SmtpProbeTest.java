package org.vmguard.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Netns;
import org.vmguard.testing.PostfixInstance;
import org.vmguard.testing.Tools;

/**
 * The relay probe against Debian's real postfix on 127.0.0.1, three ways: relaying for our
 * address (mynetworks 127.0.0.0/8), Debian's default restrictions with our address outside
 * mynetworks (defer_unauth_destination: 454), and reject_unauth_destination (554). Each
 * instance delivers only to discard:, and its log proves the probe never sent DATA.
 */
@Tag("slow")
class SmtpProbeTest {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final String FROM = "probe@example.org";
    static final String TO = "probe@example.net";

    @TempDir
    static Path tmp;

    static Daemon open;
    static Daemon deferring;
    static Daemon rejecting;

    /** A postfix master run in the foreground on the build machine's loopback. */
    record Daemon(PostfixInstance pf, int port, Process process) {
        InetSocketAddress at() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }
    }

    @BeforeAll
    static void startPostfixes() throws Exception {
        Tools.require("/usr/sbin/postfix");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        open = start("open", "");
        // Debian's main.cf says exactly this; mynetworks leaves our 127.0.0.1 outside
        deferring = start("deferring", """
                smtpd_relay_restrictions = permit_mynetworks permit_sasl_authenticated defer_unauth_destination
                mynetworks = 127.0.0.2/32
                """);
        rejecting = start("rejecting", """
                smtpd_relay_restrictions = permit_mynetworks reject_unauth_destination
                mynetworks = 127.0.0.2/32
                """);
        for (Daemon d : List.of(open, deferring, rejecting)) {
            awaitListening(d);
        }
    }

    @AfterAll
    static void stopPostfixes() throws Exception {
        for (Daemon d : new Daemon[] {open, deferring, rejecting}) {
            if (d != null) {
                d.process().destroy(); // master stops its children on SIGTERM
                if (!d.process().waitFor(10, TimeUnit.SECONDS)) {
                    d.process().descendants().forEach(ProcessHandle::destroyForcibly);
                    d.process().destroyForcibly();
                }
            }
        }
    }

    static Daemon start(String name, String overrides) throws IOException {
        int port = freePort();
        PostfixInstance pf = PostfixInstance.configure(tmp.resolve(name),
                "inet_interfaces = 127.0.0.1\ninet_protocols = ipv4",
                "127.0.0.1:" + port + " inet n - n - - smtpd");
        // the last setting of a parameter wins: these replace configure()'s mynetworks
        Files.writeString(pf.conf().resolve("main.cf"), overrides, StandardOpenOption.APPEND);
        Process p = new ProcessBuilder("/usr/sbin/postfix", "-c", pf.conf().toString(), "start-fg")
                .redirectErrorStream(true).redirectOutput(pf.dir().resolve("out.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        return new Daemon(pf, port, p);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void awaitListening(Daemon d) throws Exception {
        for (int i = 0; i < 300; i++) {
            try (Socket s = new Socket()) {
                s.connect(d.at(), 200);
                return;
            } catch (IOException e) {
                if (!d.process().isAlive()) {
                    throw new AssertionError("postfix exited: " + Files.readString(d.pf().dir().resolve("out.log")));
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("postfix never listened on " + d.port() + ": " + d.pf().log());
    }

    /**
     * smtpd's summary of the nth session that said anything, once postlogd has written it
     * ("disconnect from … ehlo=1 mail=1 …"); awaitListening's bare connects are "commands=0/0".
     */
    static String disconnectLine(Daemon d, int nth) throws Exception {
        for (int i = 0; i < 200; i++) {
            List<String> lines = d.pf().log().lines().filter(l -> l.contains("disconnect from") && !l.endsWith("commands=0/0")).toList();
            if (lines.size() >= nth) {
                return lines.get(nth - 1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no disconnect line " + nth + " in " + d.pf().log());
    }

    /** Messages the instance accepted into its queue: cleanup logs a message-id for each. */
    static long messagesAccepted(Daemon d) throws IOException {
        return d.pf().log().lines().filter(l -> l.contains("cleanup[") && l.contains("message-id=")).count();
    }

    @Test
    void anInstanceThatRelaysForUsIsSeenRelayingYetReceivesNoMail() throws Exception {
        Probed<SmtpDialogue> p = SmtpProbe.relay(open.at(), "probe.example.org", FROM, TO, TIMEOUT);
        assertThat(p).isInstanceOf(Probed.Seen.class);
        var seen = (Probed.Seen<SmtpDialogue>) p;
        assertThat(seen.value().relayAccepted()).isTrue();
        assertThat(seen.value().rcptCode()).isEqualTo(250);
        assertThat(seen.value().transcript()).contains("C: EHLO probe.example.org", "C: MAIL FROM:<" + FROM + ">",
                "C: RCPT TO:<" + TO + ">", "C: RSET", "C: QUIT");
        assertThat(seen.value().transcript()).noneMatch(l -> l.startsWith("C: DATA"));
        assertThat(seen.evidence()).anySatisfy(e -> {
            assertThat(e.command()).isEqualTo("smtp 127.0.0.1:" + open.port());
            assertThat(e.text()).startsWith("RCPT TO:<" + TO + "> -> 250 2.1.5 Ok");
        });
        // postfix's own count of what the session did: no data command, nothing queued
        assertThat(disconnectLine(open, 1)).contains("ehlo=1 mail=1 rcpt=1 rset=1 quit=1 commands=5")
                .doesNotContain("data=");
        assertThat(messagesAccepted(open)).isZero();
        assertThat(Netns.run(List.of("/usr/sbin/postqueue", "-c", open.pf().conf().toString(), "-p")).out())
                .contains("Mail queue is empty");

        // the same two assertions do see a message when one is sent: they can fail
        sendOneMessage(open);
        assertThat(disconnectLine(open, 2)).contains("data=1");
        for (int i = 0; i < 100 && messagesAccepted(open) == 0; i++) {
            Thread.sleep(50);
        }
        assertThat(messagesAccepted(open)).isEqualTo(1);
    }

    @Test
    void debiansDefaultRestrictionsDeferTheOutsideRecipient() throws Exception {
        var seen = (Probed.Seen<SmtpDialogue>) SmtpProbe.relay(deferring.at(), "probe.example.org", FROM, TO, TIMEOUT);
        assertThat(seen.value().rcptCode()).isEqualTo(454);
        assertThat(seen.value().relayAccepted()).isFalse();
        assertThat(seen.value().transcript()).contains("S: 454 4.7.1 <" + TO + ">: Relay access denied");
        assertThat(disconnectLine(deferring, 1)).contains("rcpt=0/1").doesNotContain("data=");
        assertThat(messagesAccepted(deferring)).isZero();
    }

    @Test
    void rejectUnauthDestinationRefusesTheOutsideRecipient() throws Exception {
        var seen = (Probed.Seen<SmtpDialogue>) SmtpProbe.relay(rejecting.at(), "probe.example.org", FROM, TO, TIMEOUT);
        assertThat(seen.value().rcptCode()).isEqualTo(554);
        assertThat(seen.value().relayAccepted()).isFalse();
        assertThat(seen.evidence()).anySatisfy(e -> assertThat(e.text())
                .isEqualTo("RCPT TO:<" + TO + "> -> 554 5.7.1 <" + TO + ">: Relay access denied"));
        assertThat(messagesAccepted(rejecting)).isZero();
    }

    @Test
    void aClosedPortIsAbsent() throws Exception {
        InetSocketAddress closed = new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort());
        assertThat(SmtpProbe.relay(closed, "probe.example.org", FROM, TO, TIMEOUT))
                .isInstanceOfSatisfying(Probed.Absent.class, a -> assertThat(a.reason()).contains("nothing accepts connections"));
    }

    /** A plain SMTP transaction with DATA, by hand, so the log shows what sending looks like. */
    static void sendOneMessage(Daemon d) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(d.at(), 2000);
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String[] commands = {null, "EHLO control.example.org", "MAIL FROM:<" + FROM + ">", "RCPT TO:<" + TO + ">",
                "DATA", "Subject: control\r\n\r\nsent by the test itself\r\n.", "QUIT"};
            for (String c : commands) {
                if (c != null) {
                    out.write((c + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                String line;
                do {
                    line = PortScan.line(in, 1000);
                } while (line != null && line.length() > 3 && line.charAt(3) == '-');
            }
        }
    }
}
