package org.vmguard.probe;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.UserAuth;
import org.apache.sshd.client.auth.UserAuthFactory;
import org.apache.sshd.client.auth.password.PasswordIdentityProvider;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientConnectionServiceFactory;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientUserAuthService;
import org.apache.sshd.client.session.ClientUserAuthServiceFactory;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.OptionalFeature;
import org.apache.sshd.common.Service;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.core.CoreModuleProperties;
import org.vmguard.core.Evidence;

/**
 * Asks an SSH server what it offers, the way a client that is about to log in would see it. Only
 * the identification line and SSH_MSG_KEXINIT (both cleartext) are read for the algorithms; the
 * authentication methods need a real key exchange (MINA SSHD) and one "none" request. Neither
 * sends a password or a key.
 */
public final class SshProbe {

    /** What we tell the server we are: it appears in its log. */
    static final String CLIENT_ID = "SSH-2.0-vmguard_probe";

    /** RFC 4253 4.2 allows other lines before the identification; more than this is not SSH. */
    private static final int MAX_PREAMBLE_BYTES = 8192;
    private static final int MAX_LINE = 1024;
    /** RFC 4253 6.1 asks for 35000; a KEXINIT with every algorithm OpenSSH knows is ~1.5 KB. */
    private static final int MAX_PACKET = 256 * 1024;

    private static final int SSH_MSG_IGNORE = 2;
    private static final int SSH_MSG_DEBUG = 4;
    private static final int SSH_MSG_KEXINIT = 20;

    private SshProbe() {
    }

    /**
     * Reads the server's identification line and its SSH_MSG_KEXINIT (both cleartext; no key
     * exchange is done). Absent when the port is closed/refuses or the peer is not SSH (it said
     * something else, such as an HTTP error line); Failed on a reset, silence or garbage mid-way.
     * Evidence: the banner and the four algorithm lists.
     */
    public static Probed<SshServer> kexinit(InetSocketAddress at, Duration timeout) {
        String where = name(at);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            Optional<Probed<SshServer>> notConnected = connect(socket, at, timeout, where);
            if (notConnected.isPresent()) {
                return notConnected.get();
            }
            Wire wire = new Wire(socket, deadline);
            socket.getOutputStream().write((CLIENT_ID + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            List<String> preamble = new ArrayList<>();
            String banner;
            try {
                banner = identification(wire, preamble);
            } catch (SocketTimeoutException e) {
                return preamble.isEmpty()
                        ? Probed.failed(where + " accepted the connection but sent no SSH identification within " + seconds(timeout))
                        : notSsh(where, preamble);
            } catch (EOFException e) {
                return preamble.isEmpty()
                        ? Probed.failed(where + " accepted the connection and closed it without a word (an SSH server refusing us, or something else)")
                        : notSsh(where, preamble);
            }
            if (banner == null) {
                return notSsh(where, preamble);
            }
            if (!banner.startsWith("SSH-2.0-") && !banner.startsWith("SSH-1.99-")) {
                return Probed.failed(where + " speaks only an SSH protocol before 2.0: \"" + printable(banner) + "\"");
            }
            byte[] payload;
            try {
                payload = kexinitPayload(wire, where);
            } catch (SocketTimeoutException e) {
                return Probed.failed(where + " sent \"" + printable(banner) + "\" but no key exchange offer within " + seconds(timeout));
            } catch (EOFException e) {
                return Probed.failed(where + " sent \"" + printable(banner) + "\" and closed the connection before its key exchange offer");
            }
            // the banner goes into reports and onto terminals: no control characters from a stranger
            SshServer server = parse(clean(banner), payload, where);
            String ssh = "ssh " + where;
            return Probed.seen(server,
                    Evidence.command(ssh + " (banner)", server.banner()),
                    Evidence.command(ssh + " (kexinit: kex algorithms)", String.join(",", server.kex())),
                    Evidence.command(ssh + " (kexinit: host key algorithms)", String.join(",", server.hostKeys())),
                    Evidence.command(ssh + " (kexinit: ciphers)", String.join(",", server.ciphers())),
                    Evidence.command(ssh + " (kexinit: macs)", String.join(",", server.macs())));
        } catch (Garbage e) {
            return Probed.failed(e.getMessage());
        } catch (SocketTimeoutException e) {
            return Probed.failed(where + ": no answer within " + seconds(timeout));
        } catch (IOException e) {
            return Probed.failed(where + ": " + describe(e));
        }
    }

    /**
     * The authentication methods the server offers: does a full key exchange and sends "none"
     * authentication for {@code user}, reads SSH_MSG_USERAUTH_FAILURE's method list (e.g.
     * [publickey, password]) as the server sent it. Never tries a password or a key. A server that
     * accepts "none" (no authentication at all) gives [none].
     *
     * <p>It first reads the server's offer as {@link #kexinit} does (one more connection, a few
     * milliseconds), so a closed port or a peer that is not SSH is Absent and silence or garbage
     * Failed exactly as there, before MINA is involved. The timeout covers both connections; the
     * one-time start of MINA's client in a fresh JVM (class loading, ~1–3 s here) is not counted.
     */
    public static Probed<List<String>> authMethods(InetSocketAddress at, String user, Duration timeout) {
        Objects.requireNonNull(user, "user");
        String where = name(at);
        long start = System.nanoTime();
        String banner;
        switch (kexinit(at, timeout)) {
            case Probed.Absent<SshServer> a -> {
                return Probed.absent(a.reason());
            }
            case Probed.Failed<SshServer> f -> {
                return Probed.failed(f.reason());
            }
            case Probed.Seen<SshServer> s -> banner = s.value().banner();
        }
        long left = timeout.toNanos() - (System.nanoTime() - start);
        Exchange seen = new Exchange();
        SshClient client = SshClient.setUpDefaultClient();
        // Any host key is accepted: we only ask which methods are offered and send no secret, so
        // a server that is not the one we meant learns nothing from us.
        client.setServerKeyVerifier((session, remote, key) -> true);
        // Nothing of the user's: no ~/.ssh/config, keys, passwords or agent take part.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setPasswordIdentityProvider(PasswordIdentityProvider.EMPTY_PASSWORDS_PROVIDER);
        client.setAgentFactory(null);
        // The one method we "support" declines before sending anything, so after the server's
        // answer to "none" MINA has nothing to try and ends authentication.
        client.setUserAuthFactories(List.of(new Declining()));
        client.setServiceFactories(List.of(new Recording(seen), ClientConnectionServiceFactory.INSTANCE));
        // The servers most in need of an audit offer only old algorithms. Nothing secret crosses
        // this connection, so every algorithm MINA implements is acceptable; strong ones stay first.
        List<KeyExchangeFactory> kex = new ArrayList<>(client.getKeyExchangeFactories());
        for (BuiltinDHFactories f : BuiltinDHFactories.VALUES) {
            if (f.isSupported() && kex.stream().noneMatch(k -> k.getName().equals(f.getName()))) {
                kex.add(ClientBuilder.DH2KEX.apply(f));
            }
        }
        // nothing to protect here, so the cheapest exchange first: the post-quantum hybrid MINA
        // prefers costs ~60 ms more per probe here (bench/probe-ssh.sh)
        kex.sort(java.util.Comparator.comparing(k -> !k.getName().startsWith("curve25519-sha256")));
        client.setKeyExchangeFactories(kex);
        client.setCipherFactories(withAll(client.getCipherFactories(), BuiltinCiphers.VALUES));
        client.setMacFactories(withAll(client.getMacFactories(), BuiltinMacs.VALUES));
        client.setSignatureFactories(withAll(client.getSignatureFactories(), BuiltinSignatures.VALUES));
        client.addSessionListener(seen);
        CoreModuleProperties.CLIENT_IDENTIFICATION.set(client, CLIENT_ID.substring("SSH-2.0-".length()));
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, timeout);
        CoreModuleProperties.AUTH_TIMEOUT.set(client, timeout);
        CoreModuleProperties.IDLE_TIMEOUT.set(client, timeout);
        // a peer that is not SSH may send lines forever: give up after a few, as kexinit does
        CoreModuleProperties.MAX_IDENTIFICATION_SIZE.set(client, MAX_PREAMBLE_BYTES);
        client.start();
        long deadline = System.nanoTime() + Math.max(0, left);
        ClientSession session = null;
        try {
            ConnectFuture cf = client.connect(user, at, null, null);
            // the server answered kexinit a moment ago: failing to reach it now is "could not tell"
            // (OpenSSH 9.8+ may be penalising this address for connections that never log in)
            if (!cf.await(remaining(deadline))) {
                cf.cancel();
                return Probed.failed(where + ": no answer to a second connection within " + seconds(timeout));
            }
            if (cf.getException() != null) {
                return Probed.failed(where + ": second connection: " + describe(rootCause(cf.getException())));
            }
            session = cf.getSession();
            AuthFuture af = session.auth();
            boolean done = af.await(remaining(deadline));
            String ssh = "ssh " + where;
            String exchange = ssh + " (\"none\" authentication as " + user + ")";
            String methods = seen.offered.get() == null ? null : clean(seen.offered.get());
            if (methods != null) {
                List<String> list = methods.isEmpty() ? List.of() : List.of(methods.split(","));
                return Probed.seen(list, Evidence.command(ssh + " (banner)", banner),
                        Evidence.command(exchange, "authentications that can continue: " + methods));
            }
            if (seen.noneAccepted.get()) {
                return Probed.seen(List.of("none"), Evidence.command(ssh + " (banner)", banner),
                        Evidence.command(exchange, "accepted: no authentication is required"));
            }
            return unanswered(where, seen, done ? af.getException() : null, done ? null : timeout);
        } catch (IOException | RuntimeException e) {
            return unanswered(where, seen, e, null);
        } finally {
            if (session != null) {
                session.close(true);
            }
            client.stop();
        }
    }

    /** {@code preferred}, then every other supported one of {@code all}. */
    private static <T> List<NamedFactory<T>> withAll(List<NamedFactory<T>> preferred, Set<? extends NamedFactory<T>> all) {
        List<NamedFactory<T>> out = new ArrayList<>(preferred);
        for (NamedFactory<T> f : all) {
            boolean supported = !(f instanceof OptionalFeature o) || o.isSupported();
            if (supported && out.stream().noneMatch(p -> p.getName().equals(f.getName()))) {
                out.add(f);
            }
        }
        return out;
    }

    /** Why "none" got no method list (the server had just sent a key exchange offer, so it is SSH). */
    private static Probed<List<String>> unanswered(String where, Exchange seen, Throwable error, Duration timedOut) {
        String why;
        if (seen.disconnect.get() != null) {
            why = "the server disconnected: " + printable(seen.disconnect.get());
        } else if (seen.error.get() != null) {
            why = describe(rootCause(seen.error.get()));
        } else if (timedOut != null) {
            why = "no answer to \"none\" authentication within " + seconds(timedOut);
        } else if (error != null) {
            why = describe(rootCause(error));
        } else {
            why = "authentication ended without a method list";
        }
        if (seen.banner.get() == null) {
            why += " (no SSH identification was received)";
        }
        return Probed.failed(where + ": " + why);
    }

    /** Empty when connected; Absent when the port refuses or nothing answers. */
    private static <T> Optional<Probed<T>> connect(Socket socket, InetSocketAddress at, Duration timeout, String where) throws IOException {
        try {
            socket.connect(at, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            return Optional.empty();
        } catch (ConnectException | NoRouteToHostException e) {
            return Optional.of(Probed.absent(where + ": " + describe(e)));
        } catch (SocketTimeoutException e) {
            return Optional.of(Probed.absent(where + ": no answer to the connection within " + seconds(timeout)));
        } catch (UnknownHostException e) {
            throw new IOException("cannot resolve " + at.getHostString(), e);
        }
    }

    /**
     * The identification line (without CR LF), or null when the peer sent lines that are not
     * SSH and then nothing more fits the preamble. Lines before it go to {@code preamble}.
     */
    static String identification(Wire wire, List<String> preamble) throws IOException {
        int total = 0;
        while (total < MAX_PREAMBLE_BYTES) {
            String line = wire.line(MAX_LINE);
            if (line == null) {
                preamble.add("(a line longer than " + MAX_LINE + " bytes)");
                return null; // longer than any identification line: not SSH
            }
            total += line.length() + 2;
            if (line.startsWith("SSH-")) {
                return line;
            }
            preamble.add(line);
        }
        return null;
    }

    /** The payload of the first packet that is not IGNORE or DEBUG; it must be a KEXINIT. */
    static byte[] kexinitPayload(Wire wire, String where) throws IOException {
        for (int packets = 0; packets < 16; packets++) {
            long length = wire.uint32();
            if (length < 5 || length > MAX_PACKET) {
                throw new Garbage(where + " sent a malformed packet after its identification (length " + length + ")");
            }
            byte[] packet = wire.bytes((int) length);
            int padding = packet[0] & 0xff;
            if (padding < 4 || padding > length - 2) {
                throw new Garbage(where + " sent a malformed packet after its identification (padding " + padding + " of " + length + ")");
            }
            byte[] payload = java.util.Arrays.copyOfRange(packet, 1, (int) length - padding);
            int type = payload[0] & 0xff;
            if (type == SSH_MSG_KEXINIT) {
                return payload;
            }
            if (type != SSH_MSG_IGNORE && type != SSH_MSG_DEBUG) {
                throw new Garbage(where + " sent message " + type + " where its key exchange offer (SSH_MSG_KEXINIT) belongs");
            }
        }
        throw new Garbage(where + " sent only IGNORE/DEBUG messages where its key exchange offer belongs");
    }

    /** RFC 4253 7.1: cookie, ten name-lists, a boolean and a reserved word. */
    static SshServer parse(String banner, byte[] payload, String where) throws Garbage {
        Reader r = new Reader(payload, where);
        r.skip(1 + 16);
        List<List<String>> lists = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lists.add(r.nameList());
        }
        r.skip(1 + 4);
        return new SshServer(banner, lists.get(0), lists.get(1), joined(lists.get(2), lists.get(3)), joined(lists.get(4), lists.get(5)));
    }

    private static List<String> joined(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static Probed<SshServer> notSsh(String where, List<String> preamble) {
        return Probed.absent(where + " is not an SSH server: it said \"" + printable(preamble.get(0)) + "\"");
    }

    static String name(InetSocketAddress at) {
        String host = at.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + at.getPort();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    /** Control and non-ASCII characters shown as '?': what a peer says goes into reports. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    /** At most 120 characters, control characters shown as '?': it goes into reports. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 120; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 120 ? b + "…" : b.toString();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof ConnectException) {
            return "connection refused (port closed)";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer in time";
        }
        if (m != null && m.contains("Connection reset")) {
            return "the connection was reset";
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : clean(m);
    }

    /** The peer broke the protocol: the probe cannot tell what it offers. */
    static final class Garbage extends IOException {
        Garbage(String message) {
            super(message);
        }
    }

    /** Reads from the socket without passing the overall deadline. */
    static final class Wire {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private final byte[] buf = new byte[4096];
        private int pos;
        private int end;

        Wire(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        private int next() throws IOException {
            if (pos == end) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new SocketTimeoutException("deadline passed");
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                int n = in.read(buf);
                if (n < 0) {
                    throw new EOFException();
                }
                pos = 0;
                end = n;
            }
            return buf[pos++] & 0xff;
        }

        /** A line ending in LF (a CR before it dropped), or null when longer than {@code max}. */
        String line(int max) throws IOException {
            StringBuilder b = new StringBuilder();
            while (b.length() <= max) {
                int c;
                try {
                    c = next();
                } catch (EOFException | SocketTimeoutException e) {
                    if (b.isEmpty()) {
                        throw e;
                    }
                    return b.toString(); // what came before the end: a TLS alert, a prompt
                }
                if (c == '\n') {
                    int len = b.length();
                    if (len > 0 && b.charAt(len - 1) == '\r') {
                        b.setLength(len - 1);
                    }
                    return b.toString();
                }
                b.append((char) c);
            }
            return null;
        }

        long uint32() throws IOException {
            long v = 0;
            for (int i = 0; i < 4; i++) {
                v = (v << 8) | next();
            }
            return v;
        }

        byte[] bytes(int n) throws IOException {
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = (byte) next();
            }
            return out;
        }
    }

    /** Reads the fields of one payload, every length checked against what is there. */
    private static final class Reader {
        private final byte[] b;
        private final String where;
        private int pos;

        Reader(byte[] b, String where) {
            this.b = b;
            this.where = where;
        }

        void skip(int n) throws Garbage {
            need(n);
            pos += n;
        }

        private void need(int n) throws Garbage {
            if (n < 0 || b.length - pos < n) {
                throw new Garbage(where + " sent a truncated key exchange offer (SSH_MSG_KEXINIT)");
            }
        }

        List<String> nameList() throws Garbage {
            need(4);
            long len = ((b[pos] & 0xffL) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
            pos += 4;
            if (len > b.length - pos) {
                throw new Garbage(where + " sent a truncated key exchange offer (SSH_MSG_KEXINIT)");
            }
            String text = new String(b, pos, (int) len, StandardCharsets.US_ASCII);
            pos += (int) len;
            if (text.isEmpty()) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            for (String name : text.split(",", -1)) {
                if (name.isEmpty() || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                    throw new Garbage(where + " sent a malformed algorithm list in its key exchange offer: \"" + printable(text) + "\"");
                }
                names.add(name);
            }
            return names;
        }
    }

    /** Declines at once: never sends a request, so no password or key ever leaves. */
    private static final class Declining implements UserAuthFactory {
        @Override
        public String getName() {
            return "vmguard-probe-sends-nothing";
        }

        @Override
        public UserAuth createUserAuth(ClientSession session) {
            return new UserAuth() {
                @Override
                public ClientSession getClientSession() {
                    return session;
                }

                @Override
                public ClientSession getSession() {
                    return session;
                }

                @Override
                public String getName() {
                    return Declining.this.getName();
                }

                @Override
                public void init(ClientSession s, String service) {
                }

                @Override
                public boolean process(Buffer buffer) {
                    return false;
                }

                @Override
                public void destroy() {
                }
            };
        }
    }

    /** What the server said during one authMethods exchange, as MINA reports it. */
    private static final class Exchange implements SessionListener {
        final AtomicReference<String> banner = new AtomicReference<>();
        final AtomicReference<String> offered = new AtomicReference<>();
        final AtomicBoolean noneAccepted = new AtomicBoolean();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final AtomicReference<String> disconnect = new AtomicReference<>();

        @Override
        public void sessionPeerIdentificationReceived(Session session, String version, List<String> extraLines) {
            banner.compareAndSet(null, version);
        }

        @Override
        public void sessionException(Session session, Throwable t) {
            error.compareAndSet(null, t);
        }

        @Override
        public void sessionDisconnect(Session session, int reason, String msg, String language, boolean initiator) {
            if (!initiator) {
                disconnect.compareAndSet(null, msg);
            }
        }
    }

    /** MINA's user-auth service, noting the method list the server answers "none" with. */
    private static final class Recording extends ClientUserAuthServiceFactory {
        private final Exchange seen;

        Recording(Exchange seen) {
            this.seen = seen;
        }

        @Override
        public Service create(Session session) throws IOException {
            return new ClientUserAuthService(session) {
                @Override
                protected void processUserAuth(int cmd, Buffer buffer, AuthFuture authFuture) throws Exception {
                    if (cmd == SshConstants.SSH_MSG_USERAUTH_FAILURE) {
                        int at = buffer.rpos();
                        seen.offered.compareAndSet(null, buffer.getString());
                        buffer.rpos(at);
                    } else if (cmd == SshConstants.SSH_MSG_USERAUTH_SUCCESS && seen.offered.get() == null) {
                        seen.noneAccepted.set(true);
                    }
                    super.processUserAuth(cmd, buffer, authFuture);
                }
            };
        }
    }
}
