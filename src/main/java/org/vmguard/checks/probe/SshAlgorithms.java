package org.vmguard.checks.probe;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which SSH algorithm names are weak, and why: knowledge as data, one line each.
 *
 * <p>The rule: an algorithm is weak when it is broken or dated in a way that matters on the
 * wire (MD5, SHA-1 signatures and exchange hashes, 1024-bit groups, 64-bit block ciphers, RC4,
 * CBC mode, no encryption or integrity), which is also exactly what OpenSSH itself has dropped
 * from its default server offer or removed (6.7: CBC and arcfour out of the defaults; 7.0:
 * ssh-dss and diffie-hellman-group1-sha1 off; 7.6: arcfour, blowfish, CAST and RIPEMD-160 gone;
 * 8.8: ssh-rsa SHA-1 signatures off; 10.0: DSA gone). The test holds the table to that: what
 * this machine's sshd supports but leaves out of its defaults is weak, its defaults are not.
 *
 * <p>Deliberately not weak, although some scanners (ssh-audit among them) flag them:
 * <ul>
 * <li>ecdh-sha2-nistp256/384/521 and ecdsa-sha2-nistp* host keys: no practical attack is known,
 * NIST and BSI approve them, and OpenSSH offers them by default; the worry is about how the
 * curves were chosen, not a weakness anyone can use. Flagging them would fail every stock
 * OpenSSH server and drown the findings that matter.</li>
 * <li>umac-64 (64-bit tag): a forgery needs ~2^64 tries and each wrong tag ends the connection;
 * OpenSSH offers it by default.</li>
 * <li>hmac-sha1 (untruncated): HMAC does not rely on SHA-1's collision resistance and no attack
 * on HMAC-SHA1 is known; OpenSSH offers it by default. Its truncated form is flagged, as
 * OpenSSH dropped it.</li>
 * <li>diffie-hellman-group14-sha256 (2048-bit): 112-bit strength, still within NIST's
 * guidance and in OpenSSH's defaults.</li>
 * </ul>
 * A name we do not know is not weak: the probe reports what it cannot judge as offered, no more.
 */
public final class SshAlgorithms {

    public static final Set<String> KINDS = Set.of("kex", "hostkey", "cipher", "mac");

    /**
     * One entry: {@code name} is exact, or ends in "*" (a prefix, for names with a variable tail
     * such as GSS-API key exchange), or starts with "*" (a suffix, for whole families). Entries
     * are tried in order, so specific ones come before families.
     */
    record Entry(String kind, String name, String why) {
        boolean matches(String k, String n) {
            if (!kind.equals(k)) {
                return false;
            }
            if (name.endsWith("*")) {
                return n.startsWith(name.substring(0, name.length() - 1));
            }
            if (name.startsWith("*")) {
                return n.endsWith(name.substring(1));
            }
            return name.equals(n);
        }
    }

    private static final String SHA1_KEX = "SHA-1 exchange hash; not in OpenSSH's default offer";
    private static final String CBC = "CBC mode: plaintext recovery attacks on SSH's packet format (CVE-2008-5161); out of OpenSSH's defaults since 6.7";
    private static final String BLOCK64 = "64-bit block cipher: birthday attacks after a few GB (Sweet32)";
    private static final String RC4 = "RC4 stream cipher: biased keystream; removed from OpenSSH in 7.6";
    private static final String MD5 = "MD5-based MAC; out of OpenSSH's defaults";
    private static final String SHA1_96 = "truncated 96-bit HMAC-SHA1; out of OpenSSH's defaults";
    private static final String RIPEMD = "RIPEMD-160 MAC: little analysed; removed from OpenSSH in 7.6";
    private static final String DSA = "DSA: 1024-bit key and SHA-1 signatures; off in OpenSSH 7.0, removed in 10.0";
    private static final String RSA_SHA1 = "RSA with SHA-1 signatures (chosen-prefix collisions); off in OpenSSH 8.8 (rsa-sha2-256/512 use the same key)";

    static final List<Entry> TABLE = List.of(
            // key exchange
            new Entry("kex", "diffie-hellman-group1-sha1", "1024-bit group (Logjam), SHA-1; off in OpenSSH 7.0"),
            new Entry("kex", "diffie-hellman-group1-sha256", "1024-bit group (Logjam)"),
            new Entry("kex", "diffie-hellman-group14-sha1", "2048-bit group but " + SHA1_KEX),
            new Entry("kex", "diffie-hellman-group-exchange-sha1", SHA1_KEX),
            new Entry("kex", "rsa1024-sha1", "1024-bit RSA key transport, SHA-1"),
            // GSS-API key exchange (a Debian/Ubuntu/Red Hat patch): the mechanism's hash follows the name
            new Entry("kex", "gss-group1-sha1-*", "GSS-API key exchange over a 1024-bit group (Logjam), SHA-1"),
            new Entry("kex", "gss-group14-sha1-*", "GSS-API key exchange with a SHA-1 exchange hash"),
            new Entry("kex", "gss-gex-sha1-*", "GSS-API key exchange with a SHA-1 exchange hash"),
            // host keys (signature algorithms)
            new Entry("hostkey", "ssh-dss", DSA),
            new Entry("hostkey", "ssh-dss-cert-v01@openssh.com", DSA),
            new Entry("hostkey", "ssh-dss-cert-v00@openssh.com", DSA),
            new Entry("hostkey", "x509v3-sign-dss", DSA),
            new Entry("hostkey", "ssh-rsa", RSA_SHA1),
            new Entry("hostkey", "ssh-rsa-cert-v01@openssh.com", RSA_SHA1),
            new Entry("hostkey", "ssh-rsa-cert-v00@openssh.com", RSA_SHA1),
            new Entry("hostkey", "x509v3-sign-rsa", RSA_SHA1),
            // ciphers: named 64-bit block ciphers and RC4 first, then every CBC mode
            new Entry("cipher", "none", "no encryption"),
            new Entry("cipher", "des-cbc", "single DES: 56-bit key, broken by brute force"),
            new Entry("cipher", "des-cbc@ssh.com", "single DES: 56-bit key, broken by brute force"),
            new Entry("cipher", "3des-cbc", BLOCK64 + ", CBC mode; out of OpenSSH's defaults"),
            new Entry("cipher", "3des-ctr", BLOCK64),
            new Entry("cipher", "blowfish-cbc", BLOCK64 + ", CBC mode; removed from OpenSSH in 7.6"),
            new Entry("cipher", "blowfish-ctr", BLOCK64),
            new Entry("cipher", "cast128-cbc", BLOCK64 + ", CBC mode; removed from OpenSSH in 7.6"),
            new Entry("cipher", "cast128-ctr", BLOCK64),
            new Entry("cipher", "idea-cbc", BLOCK64 + ", CBC mode"),
            new Entry("cipher", "idea-ctr", BLOCK64),
            new Entry("cipher", "arcfour", RC4),
            new Entry("cipher", "arcfour128", RC4),
            new Entry("cipher", "arcfour256", RC4),
            new Entry("cipher", "*-cbc", CBC),
            new Entry("cipher", "*-cbc@lysator.liu.se", CBC),
            new Entry("cipher", "*-cbc@ssh.com", CBC),
            new Entry("cipher", "*-cbc@openssh.com", CBC),
            // MACs
            new Entry("mac", "none", "no integrity protection"),
            new Entry("mac", "hmac-md5", MD5),
            new Entry("mac", "hmac-md5-96", MD5 + ", truncated to 96 bits"),
            new Entry("mac", "hmac-md5-etm@openssh.com", MD5),
            new Entry("mac", "hmac-md5-96-etm@openssh.com", MD5 + ", truncated to 96 bits"),
            new Entry("mac", "hmac-sha1-96", SHA1_96),
            new Entry("mac", "hmac-sha1-96-etm@openssh.com", SHA1_96),
            new Entry("mac", "hmac-ripemd160", RIPEMD),
            new Entry("mac", "hmac-ripemd160@openssh.com", RIPEMD),
            new Entry("mac", "hmac-ripemd160-etm@openssh.com", RIPEMD),
            new Entry("mac", "umac-32@openssh.com", "32-bit tag: forgeries within reach"));

    private SshAlgorithms() {
    }

    /**
     * Why an algorithm name is weak (e.g. "diffie-hellman-group1-sha1" → "1024-bit group
     * (Logjam), SHA-1; …"), empty when it is not or we do not know it. {@code kind} is "kex",
     * "hostkey", "cipher" or "mac"; SSH names are case-sensitive, and so is this.
     */
    public static Optional<String> weak(String kind, String name) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind must be one of kex, hostkey, cipher, mac: " + kind);
        }
        for (Entry e : TABLE) {
            if (e.matches(kind, name)) {
                return Optional.of(e.why());
            }
        }
        return Optional.empty();
    }
}
