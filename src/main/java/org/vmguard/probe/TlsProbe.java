package org.vmguard.probe;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.vmguard.core.Evidence;

/**
 * Which TLS versions a service accepts and which certificate it shows.
 *
 * <p>TLS 1.0 and 1.1 are disabled in the JDK's jdk.tls.disabledAlgorithms, and per-socket
 * SSLParameters algorithm constraints can only narrow that list, never widen it (measured:
 * TLSv1 with a permit-everything AlgorithmConstraints still fails with "No appropriate
 * protocol"). Re-enabling them would mean editing the security property before any TLS use,
 * for the whole process, the OpenStack client included. We do not need a working TLS 1.0
 * session, only the server's answer to an offer: so TLSv1, TLSv1.1 and TLSv1.2 are asked with a
 * ClientHello we build, and the ServerHello (and, in these versions, the cleartext Certificate
 * message after it) is read, after which we hang up without any key exchange. That also
 * offers the old cipher suites (TLS_RSA_*, 3DES) the JDK no longer speaks, so an old server is
 * not reported as refusing a version merely because the JDK lacks its ciphers. TLSv1.3, whose
 * certificate travels encrypted, is a real JSSE handshake. Nothing process-wide is changed.
 */
public final class TlsProbe {

    static final List<String> VERSIONS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    private static final Map<String, Integer> WIRE = Map.of("TLSv1", 0x0301, "TLSv1.1", 0x0302, "TLSv1.2", 0x0303);

    /** TLS 1.0-1.2 suites of every kind a server might insist on (ECDHE, DHE, RSA, 3DES, RC4), then the renegotiation SCSV. */
    private static final int[] SUITES = {
        0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc023, 0xc027, 0xc024, 0xc028,
        0xc009, 0xc013, 0xc00a, 0xc014, 0x009e, 0x009f, 0x0067, 0x006b, 0x0033, 0x0039,
        0x009c, 0x009d, 0x003c, 0x003d, 0x002f, 0x0035, 0xc012, 0xc008, 0x0016, 0x000a,
        0xc011, 0xc007, 0x0005, 0x0004, 0x00ff,
    };
    private static final int[] GROUPS = {0x001d, 0x0017, 0x0018, 0x0019, 0x001e, 0x0100, 0x0101};
    private static final int[] SIGNATURES = {
        0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0201, 0x0203,
    };
    /** A TLS record holds at most 2^14 bytes plus expansion (RFC 5246 6.2.3). */
    static final int MAX_RECORD = 16384 + 2048;
    /** Certificate chains of real servers are a few KiB; past this we stop reading. */
    static final int MAX_HANDSHAKE = 256 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    private TlsProbe() {
    }

    /**
     * Handshakes with each of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3 separately (SNI = serverName when
     * it is a name) and records which the server accepts, plus the leaf certificate (trust is
     * NOT checked here: accept any chain, we only look). Absent: port closed or not TLS.
     */
    public static Probed<TlsServer> probe(InetSocketAddress at, String serverName, Duration timeout) {
        String where = "tls " + PortScan.endpoint(at);
        Optional<SNIHostName> sni = sni(serverName);
        List<String> accepted = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        List<String> silences = new ArrayList<>();
        X509Certificate leaf = null;
        for (String version : VERSIONS) {
            Attempt a = version.equals("TLSv1.3") ? jsse(at, sni, timeout) : hello(at, version, sni, timeout);
            switch (a) {
                case Attempt.Unreachable u -> {
                    if (version.equals(VERSIONS.getFirst())) {
                        return Probed.absent(where + ": nothing accepts connections (" + u.why() + ")");
                    }
                    silences.add(version + ": " + u.why());
                }
                case Attempt.NotTls n -> {
                    if (version.equals(VERSIONS.getFirst())) {
                        return Probed.absent(where + ": not a TLS service (" + n.why() + ")");
                    }
                    silences.add(version + ": " + n.why());
                }
                case Attempt.NoAnswer n -> silences.add(version + ": " + n.why());
                case Attempt.Refused r -> {
                    refusals.add(version + ": " + r.why());
                    evidence.add(Evidence.command(where + " " + version, "refused: " + r.why()));
                }
                case Attempt.Accepted ok -> {
                    accepted.add(version);
                    leaf = ok.leaf().orElse(leaf);
                    evidence.add(Evidence.command(where + " " + version, "accepted"
                            + ok.leaf().map(c -> ", certificate " + c.getSubjectX500Principal().getName()).orElse("")));
                }
            }
        }
        if (!silences.isEmpty()) {
            return Probed.failed(where + ": cannot tell which TLS versions it accepts: " + String.join("; ", silences));
        }
        if (accepted.isEmpty()) {
            return Probed.failed(where + ": speaks TLS but accepted none of our offers: " + String.join("; ", refusals));
        }
        if (leaf == null) {
            return Probed.failed(where + ": accepted " + String.join(", ", accepted) + " but showed no certificate");
        }
        TlsServer server = TlsServer.of(accepted, leaf);
        evidence.add(Evidence.command(where, "certificate " + server.subject() + " names " + server.names()
                + ", valid " + server.notBefore() + " to " + server.notAfter() + (server.selfSigned() ? ", self-signed" : "")));
        return new Probed.Seen<>(server, evidence);
    }

    /** How one offer went. */
    sealed interface Attempt {
        record Accepted(Optional<X509Certificate> leaf) implements Attempt {
        }

        record Refused(String why) implements Attempt {
        }

        record NotTls(String why) implements Attempt {
        }

        record NoAnswer(String why) implements Attempt {
        }

        record Unreachable(String why) implements Attempt {
        }
    }

    /** SNI only for a DNS name: RFC 6066 forbids addresses in it. */
    static Optional<SNIHostName> sni(String serverName) {
        if (serverName == null || serverName.isBlank() || TlsServer.ipLiteral(serverName).isPresent()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SNIHostName(serverName));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Offers exactly one of TLSv1, TLSv1.1, TLSv1.2 and reads the answer up to the certificate. */
    static Attempt hello(InetSocketAddress at, String version, Optional<SNIHostName> sni, Duration timeout) {
        int wire = WIRE.get(version);
        Socket socket;
        try {
            socket = PortScan.connect(at, timeout);
        } catch (IOException e) {
            return new Attempt.Unreachable(String.valueOf(e.getMessage()));
        }
        try (socket) {
            socket.getOutputStream().write(clientHello(wire, sni));
            socket.getOutputStream().flush();
            DataInputStream in = new DataInputStream(PortScan.timed(socket, timeout, timeout.multipliedBy(2)));
            ByteArrayOutputStream handshake = new ByteArrayOutputStream();
            int parsed = 0;
            boolean helloSeen = false;
            for (boolean first = true; ; first = false) {
                int type = in.read();
                if (type < 0) {
                    return helloSeen ? new Attempt.Accepted(Optional.empty())
                            : new Attempt.Refused("closed the connection without an answer");
                }
                int major = in.readUnsignedByte();
                in.readUnsignedByte();
                int length = in.readUnsignedShort();
                if (first && (type < 20 || type > 23 || major != 3)) {
                    return new Attempt.NotTls(String.format("answered bytes %02x %02x, not a TLS record", type, major));
                }
                if (length > MAX_RECORD) {
                    return new Attempt.NotTls("a TLS record of " + length + " bytes, more than TLS allows");
                }
                byte[] fragment = in.readNBytes(length);
                if (fragment.length < length) {
                    throw new EOFException("connection closed inside a TLS record");
                }
                if (type == 21) {
                    int level = fragment.length >= 2 ? fragment[0] & 0xff : 2;
                    int description = fragment.length >= 2 ? fragment[1] & 0xff : -1;
                    if (level == 1 && description != 0) {
                        continue; // a warning (an SNI name it does not know, say): the handshake goes on
                    }
                    return new Attempt.Refused("alert " + alert(description));
                }
                if (type != 22) {
                    if (!helloSeen) {
                        return new Attempt.Refused("record type " + type + " before a ServerHello");
                    }
                    continue;
                }
                if (handshake.size() + fragment.length > MAX_HANDSHAKE) {
                    return new Attempt.Refused("a handshake longer than " + MAX_HANDSHAKE + " bytes before its certificate");
                }
                handshake.write(fragment);
                byte[] hs = handshake.toByteArray();
                while (hs.length - parsed >= 4) {
                    int msg = hs[parsed] & 0xff;
                    int len = u24(hs, parsed + 1);
                    if (hs.length - parsed - 4 < len) {
                        break;
                    }
                    int body = parsed + 4;
                    parsed = body + len;
                    switch (msg) {
                        case 2 -> {
                            if (len < 2) {
                                return new Attempt.Refused("a ServerHello too short to name a version");
                            }
                            int chosen = u16(hs, body);
                            if (chosen != wire) {
                                return new Attempt.Refused("answered with " + versionName(chosen) + " instead");
                            }
                            helloSeen = true;
                        }
                        case 11 -> {
                            if (!helloSeen) {
                                return new Attempt.Refused("a Certificate before a ServerHello");
                            }
                            return new Attempt.Accepted(firstCertificate(hs, body, len));
                        }
                        case 12, 13, 14 -> {
                            // key exchange, certificate request or hello done: the server shows no certificate
                            if (helloSeen) {
                                return new Attempt.Accepted(Optional.empty());
                            }
                        }
                        default -> {
                            // a server's other handshake messages tell us nothing
                        }
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            return new Attempt.NoAnswer("no complete answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Attempt.Refused("connection ended: " + e.getMessage());
        }
    }

    /** The leaf of a TLS 1.0-1.2 Certificate message: a 3-byte list length, then 3-byte length + DER each. */
    private static Optional<X509Certificate> firstCertificate(byte[] hs, int body, int len) {
        if (len < 6) {
            return Optional.empty();
        }
        int certLen = u24(hs, body + 3);
        if (certLen > len - 6) {
            return Optional.empty();
        }
        try {
            Certificate c = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(hs, body + 6, certLen));
            return c instanceof X509Certificate x ? Optional.of(x) : Optional.empty();
        } catch (CertificateException e) {
            return Optional.empty();
        }
    }

    /** A TLSv1.3-only JSSE handshake that takes any certificate. */
    static Attempt jsse(InetSocketAddress at, Optional<SNIHostName> sni, Duration timeout) {
        Socket socket;
        try {
            socket = PortScan.connect(at, timeout);
        } catch (IOException e) {
            return new Attempt.Unreachable(String.valueOf(e.getMessage()));
        }
        try (SSLSocket tls = wrap(socket, at, sni, List.of("TLSv1.3"), timeout, timeout.multipliedBy(2))) {
            tls.startHandshake();
            Certificate[] chain = tls.getSession().getPeerCertificates();
            return new Attempt.Accepted(chain.length > 0 && chain[0] instanceof X509Certificate x
                    ? Optional.of(x) : Optional.empty());
        } catch (SocketTimeoutException e) {
            return new Attempt.NoAnswer("no complete answer within " + timeout.toMillis() + " ms");
        } catch (SSLHandshakeException e) {
            return new Attempt.Refused(String.valueOf(e.getMessage()));
        } catch (SSLException e) {
            return new Attempt.NotTls(String.valueOf(e.getMessage()));
        } catch (IOException e) {
            return new Attempt.Refused("connection ended: " + e.getMessage());
        }
    }

    /**
     * A client-side TLS layer over a connected socket that accepts any certificate (we look, a
     * check judges), with the given protocols (null: the JDK's defaults), SNI when given, and
     * the socket closed after {@code total} so a peer cannot stall the handshake for long.
     */
    static SSLSocket wrap(Socket socket, InetSocketAddress at, Optional<SNIHostName> sni, List<String> protocols,
            Duration timeout, Duration total) throws IOException {
        SSLSocket tls;
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {LOOK_ONLY}, null);
            tls = (SSLSocket) ctx.getSocketFactory().createSocket(socket,
                    sni.map(SNIHostName::getAsciiName).orElse(at.getAddress() != null ? at.getAddress().getHostAddress() : at.getHostString()), at.getPort(), true);
        } catch (GeneralSecurityException e) {
            socket.close();
            throw new IllegalStateException("the JDK offers no TLS client: " + e.getMessage(), e);
        }
        SSLParameters p = tls.getSSLParameters();
        if (protocols != null) {
            p.setProtocols(protocols.toArray(String[]::new));
        }
        p.setServerNames(sni.<List<SNIServerName>>map(List::of).orElse(List.of()));
        p.setEndpointIdentificationAlgorithm(null);
        tls.setSSLParameters(p);
        tls.setSoTimeout(PortScan.millis(timeout));
        CompletableFuture.delayedExecutor(total.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            try {
                tls.close();
            } catch (IOException e) {
                // closing is all we wanted
            }
        });
        return tls;
    }

    /** Trust is not this probe's business: it records the certificate, checks judge it. */
    static final X509ExtendedTrustManager LOOK_ONLY = new X509ExtendedTrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };

    /** A ClientHello record offering exactly {@code wire} (0x0301-0x0303) as its highest version. */
    static byte[] clientHello(int wire, Optional<SNIHostName> sni) {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        sni.ifPresent(name -> {
            byte[] host = name.getEncoded();
            extension(ext, 0x0000, concat(u16(host.length + 3), new byte[] {0}, u16(host.length), host));
        });
        extension(ext, 0x000a, concat(u16(GROUPS.length * 2), u16s(GROUPS)));
        extension(ext, 0x000b, new byte[] {1, 0});
        if (wire >= 0x0303) {
            extension(ext, 0x000d, concat(u16(SIGNATURES.length * 2), u16s(SIGNATURES)));
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        byte[] exts = ext.toByteArray();
        byte[] body = concat(u16(wire), random, new byte[] {0}, u16(SUITES.length * 2), u16s(SUITES),
                new byte[] {1, 0}, u16(exts.length), exts);
        byte[] handshake = concat(new byte[] {1}, u24(body.length), body);
        return concat(new byte[] {22, 3, 1}, u16(handshake.length), handshake);
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
        out.writeBytes(u16(type));
        out.writeBytes(u16(data.length));
        out.writeBytes(data);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] u16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    private static byte[] u24(int v) {
        return new byte[] {(byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] u16s(int[] vs) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int v : vs) {
            b.writeBytes(u16(v));
        }
        return b.toByteArray();
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    private static int u24(byte[] b, int at) {
        return (b[at] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | b[at + 2] & 0xff;
    }

    static String versionName(int wire) {
        return switch (wire) {
            case 0x0300 -> "SSLv3";
            case 0x0301 -> "TLSv1";
            case 0x0302 -> "TLSv1.1";
            case 0x0303 -> "TLSv1.2";
            case 0x0304 -> "TLSv1.3";
            default -> String.format("version 0x%04x", wire);
        };
    }

    private static String alert(int description) {
        String name = switch (description) {
            case 40 -> "handshake_failure";
            case 47 -> "illegal_parameter";
            case 50 -> "decode_error";
            case 70 -> "protocol_version";
            case 71 -> "insufficient_security";
            case 80 -> "internal_error";
            case 86 -> "inappropriate_fallback";
            case 112 -> "unrecognized_name";
            default -> "number";
        };
        return name + " (" + description + ")";
    }
}
