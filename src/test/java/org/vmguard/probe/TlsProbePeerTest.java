package org.vmguard.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vmguard.probe.SmtpProbeHostilePeerTest.Peer;

/** Answers to our ClientHello that no honest TLS server gives, played by a socket on 127.0.0.1. */
class TlsProbePeerTest {

    static final Duration TIMEOUT = Duration.ofMillis(500);

    /** Reads one record (our ClientHello) and checks it is one: type 22, a handshake of type 1 offering {@code wire}. */
    static void readHello(InputStream raw, int wire) throws java.io.IOException {
        DataInputStream in = new DataInputStream(raw);
        assertThat(in.readUnsignedByte()).isEqualTo(22);
        in.readUnsignedShort();
        byte[] record = in.readNBytes(in.readUnsignedShort());
        assertThat(record[0]).isEqualTo((byte) 1);
        assertThat((record[4] & 0xff) << 8 | record[5] & 0xff).isEqualTo(wire);
    }

    @Test
    void aRecordLongerThanTlsAllowsIsNotTls() throws Exception {
        try (Peer p = new Peer((in, out) -> {
            readHello(in, 0x0301);
            out.write(new byte[] {22, 3, 1, (byte) 0xff, (byte) 0xff});
            out.flush();
        })) {
            assertThat(TlsProbe.probe(p.at(), "localhost", TIMEOUT)).isInstanceOfSatisfying(Probed.Absent.class,
                    a -> assertThat(a.reason()).contains("more than TLS allows"));
        }
    }

    @Test
    void anEndlessHandshakeStopsAtTheLimit() throws Exception {
        try (Peer p = new Peer((in, out) -> endlessHandshake(in, out))) {
            assertThat(TlsProbe.hello(p.at(), "TLSv1", Optional.empty(), TIMEOUT))
                    .isInstanceOfSatisfying(TlsProbe.Attempt.Refused.class,
                            r -> assertThat(r.why()).contains("longer than " + TlsProbe.MAX_HANDSHAKE));
        }
    }

    /** A ServerHello for TLS 1.0, then one handshake message that claims 16 MiB, sent in full records. */
    static void endlessHandshake(InputStream in, OutputStream out) throws java.io.IOException {
        readHello(in, 0x0301);
        byte[] hello = new byte[4 + 38];
        hello[0] = 2;
        hello[3] = 38;
        hello[4] = 3;
        hello[5] = 1;
        out.write(new byte[] {22, 3, 1, 0, (byte) hello.length});
        out.write(hello);
        byte[] huge = new byte[16384];
        huge[0] = 11;
        huge[1] = (byte) 0xff;
        huge[2] = (byte) 0xff;
        huge[3] = (byte) 0xff;
        for (int i = 0; i < 64; i++) {
            out.write(new byte[] {22, 3, 1, 0x40, 0});
            out.write(huge);
            huge[0] = 0;
        }
        out.flush();
    }

    @Test
    void aHelloAnsweredWithSilenceIsCouldNotTell() throws Exception {
        try (Peer p = new Peer((in, out) -> Thread.sleep(3000))) {
            assertThat(TlsProbe.hello(p.at(), "TLSv1.2", Optional.empty(), TIMEOUT))
                    .isInstanceOf(TlsProbe.Attempt.NoAnswer.class);
        }
    }
}
