package org.vmguard.facts.sshd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenSSH's algorithm lists as data: what a build supports, the server defaults of each release
 * (from myproposal.h), and how a configured list with a {@code +}, {@code -} or {@code ^} prefix
 * is assembled (kex_assemble_names).
 */
public final class Algorithms {

    private Algorithms() {
    }

    public static final List<String> CIPHERS_ALL = List.of("3des-cbc", "aes128-cbc", "aes192-cbc", "aes256-cbc",
            "aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
            "chacha20-poly1305@openssh.com");
    public static final List<String> MACS_ALL = List.of("hmac-sha1", "hmac-sha1-96", "hmac-sha2-256",
            "hmac-sha2-512", "hmac-md5", "hmac-md5-96", "umac-64@openssh.com", "umac-128@openssh.com",
            "hmac-sha1-etm@openssh.com", "hmac-sha1-96-etm@openssh.com", "hmac-sha2-256-etm@openssh.com",
            "hmac-sha2-512-etm@openssh.com", "hmac-md5-etm@openssh.com", "hmac-md5-96-etm@openssh.com",
            "umac-64-etm@openssh.com", "umac-128-etm@openssh.com");
    private static final List<String> KEX_ALL_92 = List.of("diffie-hellman-group1-sha1",
            "diffie-hellman-group14-sha1", "diffie-hellman-group14-sha256", "diffie-hellman-group16-sha512",
            "diffie-hellman-group18-sha512", "diffie-hellman-group-exchange-sha1",
            "diffie-hellman-group-exchange-sha256", "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521",
            "curve25519-sha256", "curve25519-sha256@libssh.org", "sntrup761x25519-sha512",
            "sntrup761x25519-sha512@openssh.com");
    /** sshkey_alg_list(0, 0, 1): key types, certificates and signature-only names, in OpenSSH's order. */
    private static final List<String> KEY_ALL_92 = List.of("ssh-ed25519", "ssh-ed25519-cert-v01@openssh.com",
            "sk-ssh-ed25519@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521",
            "ecdsa-sha2-nistp521-cert-v01@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
            "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", "webauthn-sk-ecdsa-sha2-nistp256@openssh.com", "ssh-dss",
            "ssh-dss-cert-v01@openssh.com", "ssh-rsa", "ssh-rsa-cert-v01@openssh.com", "rsa-sha2-256",
            "rsa-sha2-256-cert-v01@openssh.com", "rsa-sha2-512", "rsa-sha2-512-cert-v01@openssh.com");
    /** sshkey_alg_list(0, 1, 1): plain signature algorithms (for CASignatureAlgorithms). */
    private static final List<String> SIG_ALL_92 = List.of("ssh-ed25519", "sk-ssh-ed25519@openssh.com",
            "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ecdsa-sha2-nistp256@openssh.com",
            "webauthn-sk-ecdsa-sha2-nistp256@openssh.com", "ssh-dss", "ssh-rsa", "rsa-sha2-256", "rsa-sha2-512");

    static final List<String> CIPHERS_DEFAULT = List.of("chacha20-poly1305@openssh.com", "aes128-ctr", "aes192-ctr",
            "aes256-ctr", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com");
    static final List<String> MACS_DEFAULT = List.of("umac-64-etm@openssh.com", "umac-128-etm@openssh.com",
            "hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha1-etm@openssh.com",
            "umac-64@openssh.com", "umac-128@openssh.com", "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1");
    private static final List<String> KEX_CLASSIC = List.of("curve25519-sha256", "curve25519-sha256@libssh.org",
            "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521", "diffie-hellman-group-exchange-sha256",
            "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512", "diffie-hellman-group14-sha256");
    private static final List<String> PK_DEFAULT_88 = List.of("ssh-ed25519-cert-v01@openssh.com",
            "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384-cert-v01@openssh.com",
            "ecdsa-sha2-nistp521-cert-v01@openssh.com", "sk-ssh-ed25519-cert-v01@openssh.com",
            "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com",
            "rsa-sha2-256-cert-v01@openssh.com", "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com", "rsa-sha2-512",
            "rsa-sha2-256");
    static final List<String> CA_SIG_DEFAULT = List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com", "rsa-sha2-512",
            "rsa-sha2-256");

    /** Which supported list and which default an algorithm option uses. */
    public static List<String> all(String option, OpensshVersion v) {
        return switch (option) {
            case "ciphers" -> CIPHERS_ALL;
            case "macs" -> MACS_ALL;
            case "kexalgorithms" -> {
                List<String> out = new ArrayList<>(KEX_ALL_92);
                if (v.atLeast(9, 9) || !v.known()) {
                    out.add("mlkem768x25519-sha256"); // an unknown release may be a newer one
                }
                yield out;
            }
            case "casignaturealgorithms" -> withoutDsa(SIG_ALL_92, v);
            default -> withoutDsa(KEY_ALL_92, v);
        };
    }

    private static List<String> withoutDsa(List<String> list, OpensshVersion v) {
        return v.atLeast(10, 0) && v.known() ? list.stream().filter(a -> !a.startsWith("ssh-dss")).toList() : list;
    }

    /** The compiled-in server default of a release. */
    public static List<String> defaults(String option, OpensshVersion v) {
        return switch (option) {
            case "ciphers" -> CIPHERS_DEFAULT;
            case "macs" -> MACS_DEFAULT;
            case "kexalgorithms" -> kexDefault(v);
            case "casignaturealgorithms" -> CA_SIG_DEFAULT;
            default -> pkDefault(v);
        };
    }

    private static List<String> kexDefault(OpensshVersion v) {
        List<String> out = new ArrayList<>();
        if (v.atLeast(10, 0)) {
            out.addAll(List.of("mlkem768x25519-sha256", "sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com"));
            out.addAll(KEX_CLASSIC.subList(0, 5)); // 10.0 dropped finite-field DH from the default
            return out;
        }
        if (v.atLeast(9, 9)) {
            out.addAll(List.of("sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com", "mlkem768x25519-sha256"));
        } else if (v.atLeast(9, 2)) {
            out.addAll(List.of("sntrup761x25519-sha512", "sntrup761x25519-sha512@openssh.com"));
        } else if (v.atLeast(9, 0)) {
            out.add("sntrup761x25519-sha512@openssh.com");
        }
        out.addAll(KEX_CLASSIC);
        if (!v.atLeast(8, 2)) {
            out.add("diffie-hellman-group14-sha1"); // removed from the server default in 8.2
        }
        return out;
    }

    private static List<String> pkDefault(OpensshVersion v) {
        if (v.atLeast(8, 8)) {
            return PK_DEFAULT_88;
        }
        // before 8.8 the SHA-1 "ssh-rsa" signature was still offered by default
        List<String> out = new ArrayList<>(PK_DEFAULT_88);
        out.add(out.indexOf("rsa-sha2-512-cert-v01@openssh.com"), "ssh-rsa-cert-v01@openssh.com");
        out.add("ssh-rsa");
        return out;
    }

    /** Whether a configured list is one sshd accepts (plain names must exist; patterns only for key types). */
    static boolean valid(String option, String list, OpensshVersion v) {
        if (list.startsWith("-")) {
            return true;
        }
        String names = list.startsWith("+") || list.startsWith("^") ? list.substring(1) : list;
        boolean keyTypes = !Set.of("ciphers", "macs", "kexalgorithms").contains(option);
        List<String> all = all(option, v);
        for (String p : names.split(",", -1)) {
            if (p.isEmpty()) {
                break; // OpenSSH stops checking at an empty member
            }
            if (all.contains(p)) {
                continue;
            }
            if (keyTypes && all.stream().anyMatch(a -> Patterns.matchList(a, p, false) != 0)) {
                continue;
            }
            return false;
        }
        return true;
    }

    /** kex_assemble_names: the list sshd ends up using. */
    public static List<String> assemble(String configured, List<String> def, List<String> all) {
        if (configured == null || configured.isEmpty()) {
            return def;
        }
        String list;
        char c = configured.charAt(0);
        if (c == '-') {
            String patterns = configured.substring(1);
            return def.stream().filter(a -> Patterns.matchList(a, patterns, false) != 1).toList();
        } else if (c == '+') {
            list = cat(String.join(",", def), configured.substring(1));
        } else if (c == '^') {
            list = cat(configured.substring(1), String.join(",", def));
        } else {
            list = configured;
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String p : list.split(",", -1)) {
            for (String a : all) {
                if (Patterns.matchList(a, p, false) == 1) {
                    out.add(a);
                }
            }
        }
        return List.copyOf(out);
    }

    private static String cat(String a, String b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        List<String> have = new ArrayList<>(List.of(a.split(",", -1)));
        StringBuilder out = new StringBuilder(a);
        for (String p : b.split(",", -1)) {
            if (!have.contains(p)) {
                out.append(',').append(p);
                have.add(p);
            }
        }
        return out.toString();
    }

    /** Weak algorithms and why, for ssh.weak-crypto. */
    public static final Map<String, String> WEAK = Map.ofEntries(
            Map.entry("3des-cbc", "3DES in CBC mode (64-bit block, Sweet32)"),
            Map.entry("aes128-cbc", "CBC mode (plaintext recovery attacks)"),
            Map.entry("aes192-cbc", "CBC mode (plaintext recovery attacks)"),
            Map.entry("aes256-cbc", "CBC mode (plaintext recovery attacks)"),
            Map.entry("rijndael-cbc@lysator.liu.se", "CBC mode (plaintext recovery attacks)"),
            Map.entry("blowfish-cbc", "Blowfish in CBC mode"),
            Map.entry("cast128-cbc", "CAST-128 in CBC mode"),
            Map.entry("arcfour", "RC4 (broken stream cipher)"),
            Map.entry("arcfour128", "RC4 (broken stream cipher)"),
            Map.entry("arcfour256", "RC4 (broken stream cipher)"),
            Map.entry("hmac-md5", "MD5 MAC"),
            Map.entry("hmac-md5-96", "MD5 MAC, truncated"),
            Map.entry("hmac-md5-etm@openssh.com", "MD5 MAC"),
            Map.entry("hmac-md5-96-etm@openssh.com", "MD5 MAC, truncated"),
            Map.entry("hmac-sha1-96", "SHA-1 MAC truncated to 96 bits"),
            Map.entry("hmac-sha1-96-etm@openssh.com", "SHA-1 MAC truncated to 96 bits"),
            Map.entry("diffie-hellman-group1-sha1", "1024-bit Oakley group 2 with SHA-1 (Logjam)"),
            Map.entry("diffie-hellman-group14-sha1", "key exchange hashed with SHA-1"),
            Map.entry("diffie-hellman-group-exchange-sha1", "key exchange hashed with SHA-1"),
            Map.entry("ssh-dss", "DSA (1024-bit, SHA-1)"),
            Map.entry("ssh-dss-cert-v01@openssh.com", "DSA (1024-bit, SHA-1)"),
            Map.entry("ssh-rsa", "RSA signatures with SHA-1 (disabled by default since OpenSSH 8.8)"),
            Map.entry("ssh-rsa-cert-v01@openssh.com", "RSA signatures with SHA-1 (disabled by default since OpenSSH 8.8)"));
}
