package org.vmguard.target.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * known_hosts files read as OpenSSH reads them: host patterns with wildcards and negation, hashed
 * {@code |1|salt|hash} names, {@code [host]:port} for other ports than 22, {@code @cert-authority}
 * and {@code @revoked} lines, several keys per host. A key is trusted only when a line vouches for
 * it; a host whose key of the same type differs is "changed", never accepted.
 */
public final class KnownHosts {

    /** What the files say about a presented key. */
    public sealed interface Verdict {
        record Known(String where) implements Verdict {
        }

        record Unknown(String lookupName) implements Verdict {
        }

        record Changed(String lookupName, String where, String knownFingerprint) implements Verdict {
        }

        record Revoked(String where) implements Verdict {
        }

        record BadCertificate(String why) implements Verdict {
        }
    }

    record Line(Path file, int number, String marker, String hosts, PublicKey key) {
        String where() {
            return file + ":" + number;
        }
    }

    private final List<Path> userFiles;
    /** Grows when --accept-new records a key while other hosts are being checked. */
    private final List<Line> lines;

    private KnownHosts(List<Path> userFiles, List<Line> lines) {
        this.userFiles = List.copyOf(userFiles);
        this.lines = new CopyOnWriteArrayList<>(lines);
    }

    /**
     * @param userFiles the user's files (the first one receives --accept-new entries)
     * @param globalFiles read only, such as /etc/ssh/ssh_known_hosts
     */
    public static KnownHosts load(List<Path> userFiles, List<Path> globalFiles) throws IOException {
        List<Line> out = new ArrayList<>();
        List<Path> all = new ArrayList<>(userFiles);
        all.addAll(globalFiles);
        for (Path f : all) {
            if (Files.isRegularFile(f)) {
                parse(f, Files.readString(f, StandardCharsets.UTF_8), out);
            }
        }
        return new KnownHosts(userFiles, out);
    }

    static void parse(Path file, String text, List<Line> out) {
        int n = 0;
        for (String raw : text.split("\n", -1)) {
            n++;
            String s = raw.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] f = s.split("\\s+");
            int i = 0;
            String marker = null;
            if (f[0].startsWith("@")) {
                marker = f[0].toLowerCase(Locale.ROOT);
                i = 1;
                if (!marker.equals("@cert-authority") && !marker.equals("@revoked")) {
                    continue; // OpenSSH skips lines with an unknown marker
                }
            }
            if (f.length < i + 3) {
                continue;
            }
            try {
                PublicKey key = PublicKeyEntry.parsePublicKeyEntry(f[i + 1] + " " + f[i + 2])
                        .resolvePublicKey(null, null, PublicKeyEntryResolver.IGNORING);
                if (key != null) {
                    out.add(new Line(file, n, marker, f[i], key));
                }
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                // a malformed or unsupported line vouches for nothing, as in OpenSSH
            }
        }
    }

    /** "host" on port 22, "[host]:port" otherwise: the name OpenSSH looks up. */
    public static String lookupName(String host, int port) {
        String h = host.toLowerCase(Locale.ROOT);
        return port == 22 || port <= 0 ? h : "[" + h + "]:" + port;
    }

    public Verdict check(String host, int port, PublicKey presented) {
        String name = lookupName(host, port);
        PublicKey plain = presented;
        OpenSshCertificate cert = presented instanceof OpenSshCertificate c ? c : null;
        if (cert != null) {
            plain = cert.getCertPubKey();
        }
        for (Line l : lines) {
            if ("@revoked".equals(l.marker()) && (KeyUtils.compareKeys(l.key(), plain)
                    || (cert != null && KeyUtils.compareKeys(l.key(), cert.getCaPubKey())))) {
                return new Verdict.Revoked(l.where());
            }
        }
        if (cert != null) {
            for (Line l : lines) {
                if ("@cert-authority".equals(l.marker()) && matches(l.hosts(), name)
                        && KeyUtils.compareKeys(l.key(), cert.getCaPubKey())) {
                    String bad = certificateProblem(cert, host);
                    return bad == null ? new Verdict.Known(l.where()) : new Verdict.BadCertificate(bad);
                }
            }
        }
        Line sameType = null;
        for (Line l : lines) {
            if (l.marker() != null || !matches(l.hosts(), name)) {
                continue;
            }
            if (KeyUtils.compareKeys(l.key(), plain)) {
                return new Verdict.Known(l.where());
            }
            if (sameType == null && baseType(l.key()).equals(baseType(plain))) {
                sameType = l;
            }
        }
        if (sameType != null) {
            return new Verdict.Changed(name, sameType.where(), KeyUtils.getFingerPrint(sameType.key()));
        }
        return new Verdict.Unknown(name);
    }

    /** The key types some plain line vouches for, for this host: the client prefers those. */
    public Set<String> knownTypes(String host, int port) {
        String name = lookupName(host, port);
        Set<String> out = new LinkedHashSet<>();
        for (Line l : lines) {
            if (matches(l.hosts(), name)) {
                out.add(l.marker() == null ? baseType(l.key()) : "cert:" + baseType(l.key()));
            }
        }
        return out;
    }

    static String baseType(PublicKey k) {
        String t = KeyUtils.getKeyType(k);
        return t == null ? k.getAlgorithm() : t;
    }

    private static String certificateProblem(OpenSshCertificate cert, String host) {
        if (cert.getType() != OpenSshCertificate.Type.HOST) {
            return "the server presented a user certificate as its host key";
        }
        if (!OpenSshCertificate.isValidAt(cert, Instant.now())) {
            return "the host certificate is not valid now";
        }
        boolean named = cert.getPrincipals().stream().anyMatch(p -> p.equalsIgnoreCase(host));
        if (!named) {
            return "the host certificate does not name " + host + " (principals: " + cert.getPrincipals() + ")";
        }
        return null;
    }

    /** OpenSSH's comma-separated host pattern list: a negated match excludes, any other match includes. */
    static boolean matches(String patterns, String name) {
        if (patterns.startsWith("|1|")) {
            return hashedMatches(patterns, name);
        }
        boolean hit = false;
        for (String p : patterns.split(",")) {
            if (p.isEmpty()) {
                continue;
            }
            boolean negated = p.startsWith("!");
            String pat = (negated ? p.substring(1) : p).toLowerCase(Locale.ROOT);
            if (wildcard(pat, 0, name, 0)) {
                if (negated) {
                    return false;
                }
                hit = true;
            }
        }
        return hit;
    }

    static boolean wildcard(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (wildcard(p, pi + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || (c != '?' && c != s.charAt(si))) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }

    private static boolean hashedMatches(String field, String name) {
        String[] parts = field.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(hmac(salt, name), hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] hmac(byte[] salt, String name) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return mac.doFinal(name.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A hashed line, as ssh with HashKnownHosts yes (Debian's default) writes it. */
    static String hashedLine(String lookupName, PublicKey key) {
        byte[] salt = new byte[20];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hmac(salt, lookupName)) + " "
                + PublicKeyEntry.toString(key);
    }

    /**
     * Records a first-seen key in the first user file (--accept-new), creating it if needed.
     * Only ever called for an {@link Verdict.Unknown} host, never for a changed key.
     */
    public synchronized void record(String host, int port, PublicKey key) throws IOException {
        if (userFiles.isEmpty()) {
            throw new IOException("no known_hosts file to record the new key in");
        }
        Path f = userFiles.getFirst();
        if (f.getParent() != null && !Files.isDirectory(f.getParent())) {
            Files.createDirectories(f.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        String line = hashedLine(lookupName(host, port), key) + "\n";
        if (Files.exists(f) && Files.size(f) > 0 && !Files.readString(f).endsWith("\n")) {
            line = "\n" + line;
        }
        Files.writeString(f, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<Line> added = new ArrayList<>();
        parse(f, line, added);
        lines.addAll(added);
    }
}
