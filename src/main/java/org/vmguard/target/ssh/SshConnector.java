package org.vmguard.target.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Opens {@link SshTarget}s the way OpenSSH would: ~/.ssh/config (through MINA's parser of it:
 * Host patterns with negation and wildcards, HostName, User, Port, IdentityFile with tokens,
 * IdentitiesOnly, ProxyJump, UserKnownHostsFile, StrictHostKeyChecking, first value wins; Match
 * is not supported), the agent, key files, and known_hosts. One MINA client serves every host.
 */
public final class SshConnector implements AutoCloseable {

    static final AttributeRepository.AttributeKey<HostContext> CONTEXT = new AttributeRepository.AttributeKey<>();

    private static final List<String> DEFAULT_KEYS = List.of("id_rsa", "id_ecdsa", "id_ed25519");

    /** What the key verifier and the agent need to know about the host being reached. */
    record HostContext(String host, int port, KnownHosts knownHosts, boolean acceptNew, Set<PublicKey> onlyKeys,
            AtomicReference<String> refusal) {
    }

    private final SshSettings settings;
    private final SshClient client;
    private final HostConfigEntryResolver config;
    private final Map<List<Path>, KnownHosts> knownHosts = new ConcurrentHashMap<>();
    private final Map<Path, List<KeyPair>> keys = new ConcurrentHashMap<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final Set<String> jumpHosts = ConcurrentHashMap.newKeySet();
    private final KnownHosts defaultKnownHosts;

    public SshConnector(SshSettings settings) throws SshFailure {
        this.settings = settings;
        Path cfg = settings.sshConfig() != null ? settings.sshConfig() : settings.home().resolve(".ssh/config");
        if (settings.sshConfig() != null && !Files.isReadable(cfg)) {
            throw new SshFailure("--ssh-config " + cfg + ": cannot read it");
        }
        this.config = Files.isReadable(cfg) ? resolverOf(cfg) : HostConfigEntryResolver.EMPTY;
        for (Path id : settings.identities()) {
            if (!Files.isReadable(id)) {
                throw new SshFailure("--identity " + id + ": cannot read it");
            }
        }
        this.defaultKnownHosts = knownHostsFor(settings.knownHosts() != null ? List.of(settings.knownHosts()) : List.of());
        this.client = SshClient.setUpDefaultClient();
        Duration t = settings.timeout();
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, t);
        CoreModuleProperties.AUTH_TIMEOUT.set(client, t);
        CoreModuleProperties.CHANNEL_OPEN_TIMEOUT.set(client, t);
        org.apache.sshd.sftp.SftpModuleProperties.SFTP_CHANNEL_OPEN_TIMEOUT.set(client, t);
        // a host that stops answering mid-audit (no reset, no data) is dropped after the timeout:
        // SFTP calls have no timeout of their own, and the session's idle limit bounds them
        CoreModuleProperties.IDLE_TIMEOUT.set(client, t.multipliedBy(2));
        // MINA resolves ProxyJump hops through this: remember them, to tell a hop's key from the target's
        client.setHostConfigEntryResolver((host, port, local, user, proxy, ctx) -> {
            HostConfigEntry e = config.resolveEffectiveHost(host, port, local, user, proxy, ctx);
            String h = e != null && e.getHostName() != null && !e.getHostName().isBlank() ? e.getHostName() : host;
            int p = e != null && e.getPort() > 0 ? e.getPort() : port > 0 ? port : 22;
            jumpHosts.add(h.toLowerCase(Locale.ROOT) + ":" + p);
            return e;
        });
        client.setServerKeyVerifier(this::verifyServerKey);
        client.setFilePasswordProvider(passwordProvider());
        client.setKeyIdentityProvider(this::commonIdentities);
        if (settings.agentSocket() != null) {
            client.setAgentFactory(new AgentFactory());
        }
        client.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                preferKnownKeyTypes((ClientSession) session);
            }
        });
        client.start();
    }

    /** Things the user should know, such as an encrypted key with no terminal to ask for it. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * Connects, verifies the host key and authenticates.
     *
     * @throws SshFailure with the reason when the host cannot be reached, presents an unknown or
     *         changed key, or refuses every identity
     */
    public SshTarget connect(SshAddress address) throws SshFailure {
        HostConfigEntry entry = resolve(address);
        String host = entry.getHostName();
        int port = entry.getPort();
        KnownHosts kh = knownHostsFor(userKnownHostsFiles(entry));
        boolean acceptNew = settings.acceptNew() || acceptsNew(entry.getProperty("StrictHostKeyChecking"));
        List<KeyPair> entryKeys = new ArrayList<>();
        for (String id : entry.getIdentities()) {
            Path p = Path.of(id);
            if (Files.isReadable(p)) {
                entryKeys.addAll(keysOf(p));
            }
        }
        Set<PublicKey> only = null;
        if (entry.isIdentitiesOnly()) {
            only = ConcurrentHashMap.newKeySet();
            for (String id : entry.getIdentities()) {
                only.addAll(publicKeysOf(Path.of(id)));
            }
            for (Path id : settings.identities()) {
                only.addAll(publicKeysOf(id));
            }
        }
        entry.setIdentities(List.of()); // loaded above, once, so a passphrase is asked only once
        HostContext ctx = new HostContext(host, port, kh, acceptNew, only, new AtomicReference<>());
        Duration t = settings.timeout();
        String where = entry.getUsername() + "@" + host + ":" + port;
        ClientSession session;
        try {
            ConnectFuture cf = client.connect(entry, AttributeRepository.ofKeyValuePair(CONTEXT, ctx), null);
            if (!cf.await(t)) {
                cf.cancel();
                throw new SshFailure(where + ": no TCP connection within " + t.toSeconds() + " s");
            }
            if (cf.getException() != null) {
                throw new SshFailure(where + ": " + describe(cf.getException()));
            }
            session = cf.getSession();
        } catch (SshFailure e) {
            throw e;
        } catch (IOException e) {
            throw new SshFailure(where + ": " + describe(e));
        }
        try {
            if (entry.isIdentitiesOnly()) {
                List<KeyPair> mine = new ArrayList<>(entryKeys);
                mine.addAll(explicitIdentities());
                session.setKeyIdentityProvider(s -> mine);
            } else {
                entryKeys.forEach(session::addPublicKeyIdentity);
            }
            Set<ClientSession.ClientSessionEvent> ev = session.waitFor(EnumSet.of(ClientSession.ClientSessionEvent.WAIT_AUTH,
                    ClientSession.ClientSessionEvent.CLOSED, ClientSession.ClientSessionEvent.AUTHED), t);
            String refusal = ctx.refusal().get();
            if (refusal != null) {
                throw new SshFailure(where + ": " + refusal);
            }
            if (ev.contains(ClientSession.ClientSessionEvent.CLOSED)) {
                throw new SshFailure(where + ": the server closed the connection during the SSH handshake");
            }
            if (!ev.contains(ClientSession.ClientSessionEvent.WAIT_AUTH) && !ev.contains(ClientSession.ClientSessionEvent.AUTHED)) {
                throw new SshFailure(where + ": no SSH handshake within " + t.toSeconds() + " s (the port accepts connections but no SSH server answered)");
            }
            AuthFuture af = session.auth();
            if (!af.await(t)) {
                throw new SshFailure(where + ": authentication did not finish within " + t.toSeconds() + " s");
            }
            if (!af.isSuccess()) {
                refusal = ctx.refusal().get();
                throw new SshFailure(where + ": " + (refusal != null ? refusal
                        : "authentication failed: the server accepted none of the keys offered (agent, --identity, IdentityFile, ~/.ssh/id_*)"));
            }
            return new SshTarget(address.name(), session, settings.sudo(), t);
        } catch (IOException | RuntimeException e) {
            session.close(true);
            String refusal = ctx.refusal().get();
            if (refusal != null) {
                throw new SshFailure(where + ": " + refusal);
            }
            throw e instanceof SshFailure f ? f : new SshFailure(where + ": " + describe(e));
        }
    }

    /** Keywords that may repeat and accumulate; every other one keeps its first value in a block. */
    private static final Set<String> MULTI = Set.of("identityfile", "certificatefile", "localforward", "remoteforward",
            "dynamicforward", "sendenv", "setenv", "host", "match");

    /**
     * MINA's parser of ssh_config, fed a copy where a keyword repeated inside one Host block keeps
     * only its first value: OpenSSH's rule, where MINA would keep the last.
     */
    private static HostConfigEntryResolver resolverOf(Path cfg) throws SshFailure {
        try {
            StringBuilder b = new StringBuilder();
            Set<String> seen = new java.util.HashSet<>();
            for (String line : Files.readAllLines(cfg)) {
                String s = line.strip();
                String key = s.split("[\\s=]+", 2)[0].toLowerCase(Locale.ROOT);
                if (key.equals("host") || key.equals("match")) {
                    seen.clear();
                } else if (!s.isEmpty() && !s.startsWith("#") && !MULTI.contains(key) && !seen.add(key)) {
                    continue;
                }
                b.append(line).append('\n');
            }
            List<HostConfigEntry> entries = HostConfigEntry.readHostConfigEntries(new java.io.StringReader(b.toString()), true);
            return HostConfigEntry.toHostConfigEntryResolver(entries);
        } catch (IOException | RuntimeException e) {
            throw new SshFailure("ssh config " + cfg + ": " + describe(e));
        }
    }

    /** The effective entry: ssh_config, with what was typed or inventoried winning as ssh -l / -p do. */
    HostConfigEntry resolve(SshAddress a) throws SshFailure {
        HostConfigEntry e;
        try {
            e = config.resolveEffectiveHost(a.host(), a.port() > 0 ? a.port() : -1, null, a.user(), null, null);
        } catch (IOException | RuntimeException ex) {
            throw new SshFailure("ssh config: " + describe(ex));
        }
        if (e == null) {
            e = new HostConfigEntry(a.host(), a.host(), 22, null);
        }
        if (e.getHostName() == null || e.getHostName().isBlank()) {
            e.setHostName(a.host());
        }
        if (a.port() > 0) {
            e.setPort(a.port());
        } else if (e.getPort() <= 0) {
            e.setPort(22);
        }
        if (a.user() != null) {
            e.setUsername(a.user());
        } else if (e.getUsername() == null || e.getUsername().isBlank()) {
            e.setUsername(settings.localUser());
        }
        List<String> ids = new ArrayList<>();
        for (String id : e.getIdentities()) {
            ids.add(expand(id, e));
        }
        e.setIdentities(ids);
        return e;
    }

    private List<Path> userKnownHostsFiles(HostConfigEntry entry) {
        if (settings.knownHosts() != null) {
            return List.of(settings.knownHosts());
        }
        String v = entry.getProperty("UserKnownHostsFile");
        if (v == null || v.isBlank()) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        for (String f : v.strip().split("[\\s,]+")) {
            out.add(Path.of(expand(f, entry)));
        }
        return out;
    }

    /** ~ and the %d %u %h %r %p %% tokens of ssh_config paths. */
    String expand(String path, HostConfigEntry entry) {
        String home = settings.home().toString();
        String s = path.startsWith("~/") ? home + path.substring(1) : path;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char t = s.charAt(++i);
            switch (t) {
                case 'd' -> b.append(home);
                case 'u' -> b.append(settings.localUser());
                case 'h' -> b.append(entry.getHostName());
                case 'r' -> b.append(entry.getUsername());
                case 'p' -> b.append(entry.getPort());
                case '%' -> b.append('%');
                default -> b.append('%').append(t);
            }
        }
        return b.toString();
    }

    private static boolean acceptsNew(String strict) {
        if (strict == null) {
            return false;
        }
        // "no" would let OpenSSH accept changed keys too; we never do, so it means accept-new here
        return switch (strict.strip().toLowerCase(Locale.ROOT)) {
            case "accept-new", "no", "off" -> true;
            default -> false;
        };
    }

    private KnownHosts knownHostsFor(List<Path> userFiles) throws SshFailure {
        List<Path> files = userFiles.isEmpty()
                ? List.of(settings.home().resolve(".ssh/known_hosts"), settings.home().resolve(".ssh/known_hosts2"))
                : userFiles;
        try {
            KnownHosts kh = knownHosts.get(files);
            if (kh == null) {
                kh = KnownHosts.load(files, List.of(Path.of("/etc/ssh/ssh_known_hosts"), Path.of("/etc/ssh/ssh_known_hosts2")));
                KnownHosts prev = knownHosts.putIfAbsent(files, kh);
                kh = prev != null ? prev : kh;
            }
            return kh;
        } catch (IOException e) {
            throw new SshFailure("known_hosts " + files + ": " + describe(e));
        }
    }

    private boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
        HostContext ctx = session.getConnectionContext() == null ? null : session.getConnectionContext().getAttribute(CONTEXT);
        // MINA hands the target's context to its ProxyJump hops too, and connects the target itself
        // to a local tunnel port: a session to a resolved hop's address is the hop, any other the target
        SshdSocketAddress a = SshdSocketAddress.toSshdSocketAddress(session.getConnectAddress());
        boolean hop = a != null && jumpHosts.contains(a.getHostName().toLowerCase(Locale.ROOT) + ":" + a.getPort())
                && !(ctx != null && a.getPort() == ctx.port() && a.getHostName().equalsIgnoreCase(ctx.host()));
        boolean target = ctx != null && !hop;
        String host = target || a == null ? ctx.host() : a.getHostName();
        int port = target || a == null ? ctx.port() : a.getPort();
        KnownHosts kh = target ? ctx.knownHosts() : defaultKnownHosts;
        boolean acceptNew = target ? ctx.acceptNew() : settings.acceptNew();
        String fp = KeyUtils.getFingerPrint(key);
        String refusal = switch (kh.check(host, port, key)) {
            case KnownHosts.Verdict.Known k -> null;
            case KnownHosts.Verdict.Unknown u -> {
                if (!acceptNew) {
                    yield "host key verification failed: no known_hosts entry for " + u.lookupName() + " ("
                            + KeyUtils.getKeyType(key) + " " + fp + "); check it out of band, or pass --accept-new to trust a first-seen key";
                }
                try {
                    kh.record(host, port, key);
                    notes.add("recorded the " + KeyUtils.getKeyType(key) + " key of " + u.lookupName() + " (" + fp + ") in known_hosts");
                    yield null;
                } catch (IOException e) {
                    yield "host key verification failed: could not record the new key of " + u.lookupName() + ": " + e.getMessage();
                }
            }
            case KnownHosts.Verdict.Changed c -> "REMOTE HOST IDENTIFICATION HAS CHANGED: " + c.lookupName() + " presented "
                    + KeyUtils.getKeyType(key) + " " + fp + " but " + c.where() + " has " + c.knownFingerprint()
                    + "; refused (someone may be intercepting the connection, or the host was reinstalled)";
            case KnownHosts.Verdict.Revoked r -> "host key verification failed: the key " + fp + " is marked @revoked at " + r.where();
            case KnownHosts.Verdict.BadCertificate b -> "host key verification failed: " + b.why();
        };
        if (refusal != null) {
            if (!target) {
                refusal = "jump host " + host + ":" + port + ": " + refusal;
                notes.add(refusal);
            }
            if (ctx != null) {
                ctx.refusal().compareAndSet(null, refusal);
            }
            return false;
        }
        return true;
    }

    /** Offers first the key types known_hosts vouches for, as OpenSSH orders HostKeyAlgorithms. */
    private void preferKnownKeyTypes(ClientSession session) {
        AttributeRepository c = session.getConnectionContext();
        HostContext ctx = c == null ? null : c.getAttribute(CONTEXT);
        if (ctx == null) {
            return;
        }
        Set<String> known = ctx.knownHosts().knownTypes(ctx.host(), ctx.port());
        if (known.isEmpty()) {
            return;
        }
        List<NamedFactory<Signature>> all = session.getSignatureFactories();
        if (all == null) {
            return;
        }
        List<NamedFactory<Signature>> first = new ArrayList<>();
        List<NamedFactory<Signature>> rest = new ArrayList<>();
        for (NamedFactory<Signature> f : all) {
            String n = f.getName();
            boolean cert = n.contains("-cert-v01@openssh.com");
            String base = KeyUtils.getCanonicalKeyType(cert ? n.replace("-cert-v01@openssh.com", "") : n);
            boolean hit = cert ? known.contains("cert:" + base) || known.stream().anyMatch(k -> k.startsWith("cert:"))
                    : known.contains(base);
            (hit ? first : rest).add(f);
        }
        first.addAll(rest);
        session.setSignatureFactories(first);
    }

    private FilePasswordProvider passwordProvider() {
        return new FilePasswordProvider() {
            @Override
            public String getPassword(org.apache.sshd.common.session.SessionContext s, NamedResource resource, int retry) {
                if (settings.prompt() == null || retry >= 3) {
                    return null;
                }
                char[] p = settings.prompt().ask(resource.getName());
                return p == null ? null : new String(p);
            }

            @Override
            public ResourceDecodeResult handleDecodeAttemptResult(org.apache.sshd.common.session.SessionContext s,
                    NamedResource resource, int retry, String password, Exception err) {
                if (err == null) {
                    return ResourceDecodeResult.TERMINATE;
                }
                return retry < 2 && settings.prompt() != null ? ResourceDecodeResult.RETRY : ResourceDecodeResult.TERMINATE;
            }
        };
    }

    /** --identity files, then the default ~/.ssh/id_* files, each loaded (and decrypted) once, on first use. */
    private Iterable<KeyPair> commonIdentities(org.apache.sshd.common.session.SessionContext s) {
        List<KeyPair> out = new ArrayList<>(explicitIdentities());
        if (settings.identities().isEmpty()) {
            for (String n : DEFAULT_KEYS) {
                Path p = settings.home().resolve(".ssh").resolve(n);
                if (Files.isReadable(p)) {
                    out.addAll(keysOf(p));
                }
            }
        }
        return out;
    }

    private List<KeyPair> explicitIdentities() {
        List<KeyPair> out = new ArrayList<>();
        settings.identities().forEach(p -> out.addAll(keysOf(p)));
        return out;
    }

    private List<KeyPair> keysOf(Path file) {
        return keys.computeIfAbsent(file.toAbsolutePath(), this::load);
    }

    private List<KeyPair> load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> kps = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in,
                    client.getFilePasswordProvider());
            List<KeyPair> out = new ArrayList<>();
            if (kps != null) {
                kps.forEach(out::add);
            }
            return out;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // the message never carries the passphrase: MINA reports the file and the failure only
            notes.add("key " + file + " not used: " + (settings.prompt() == null && e.getMessage() != null
                    && e.getMessage().toLowerCase(Locale.ROOT).contains("password")
                    ? "it is encrypted and there is no terminal to ask for its passphrase" : describe(e)));
            return List.of();
        }
    }

    /** The public keys of a key file: from FILE.pub when present (no passphrase needed), else the key itself. */
    private Collection<PublicKey> publicKeysOf(Path file) {
        Path pub = Path.of(file + ".pub");
        if (Files.isReadable(pub)) {
            try {
                PublicKey k = PublicKeyEntry.parsePublicKeyEntry(Files.readString(pub).strip())
                        .resolvePublicKey(null, null, PublicKeyEntryResolver.IGNORING);
                if (k != null) {
                    return List.of(k);
                }
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                // fall back to the private key
            }
        }
        Set<PublicKey> out = new LinkedHashSet<>();
        if (Files.isReadable(file)) {
            keysOf(file).forEach(kp -> out.add(kp.getPublic()));
        }
        return out;
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return switch (t) {
            case ConnectException c -> "connection refused";
            case NoRouteToHostException n -> "no route to host";
            case UnknownHostException u -> "unknown host " + u.getMessage();
            default -> t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        };
    }

    private final class AgentFactory implements SshAgentFactory {
        @Override
        public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
            return List.of();
        }

        @Override
        public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
            AttributeRepository c = session instanceof ClientSession cs ? cs.getConnectionContext() : null;
            HostContext ctx = c == null ? null : c.getAttribute(CONTEXT);
            Set<PublicKey> only = ctx == null ? null : ctx.onlyKeys();
            return new AgentSocket(settings.agentSocket(),
                    k -> only == null || only.stream().anyMatch(o -> KeyUtils.compareKeys(o, k)));
        }

        @Override
        public org.apache.sshd.agent.SshAgentServer createServer(ConnectionService service) {
            throw new UnsupportedOperationException("agent forwarding is not offered");
        }
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (RuntimeException e) {
            // closing on the way out: nothing left to do
        }
    }
}
