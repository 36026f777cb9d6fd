package org.vmguard.checks.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vmguard.testing.Sshd;
import org.vmguard.testing.Tools;

/**
 * The weak-algorithm table, held to OpenSSH's own judgement: this machine's sshd supports more
 * than it offers by default, and exactly the difference is weak.
 */
class SshAlgorithmsTest {

    /** sshd -T's keyword and ssh -Q's query for each kind. */
    static final Map<String, String[]> KINDS = Map.of(
            "kex", new String[] {"kexalgorithms", "kex"},
            "hostkey", new String[] {"hostkeyalgorithms", "key-sig"},
            "cipher", new String[] {"ciphers", "cipher"},
            "mac", new String[] {"macs", "mac"});

    @TempDir
    static Path work;

    static Map<String, List<String>> defaults;

    @BeforeAll
    static void readDefaults() throws IOException {
        Tools.require("/usr/sbin/sshd");
        Tools.require("/usr/bin/ssh-keygen");
        Path key = Sshd.keygen(work.resolve("host_ed25519"));
        Path config = Files.writeString(work.resolve("sshd_config"), "HostKey " + key + "\nUsePAM no\n");
        defaults = new LinkedHashMap<>();
        for (String line : run("/usr/sbin/sshd", "-T", "-f", config.toString()).split("\n")) {
            String[] kv = line.split(" ", 2);
            for (var e : KINDS.entrySet()) {
                if (e.getValue()[0].equals(kv[0])) {
                    defaults.put(e.getKey(), List.of(kv[1].strip().split(",")));
                }
            }
        }
        assertThat(defaults).hasSize(4);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
            "kex, diffie-hellman-group1-sha1, 1024-bit group",
            "kex, diffie-hellman-group14-sha1, SHA-1",
            "kex, diffie-hellman-group-exchange-sha1, SHA-1",
            "kex, gss-group14-sha1-toWM5Slw5Ew8Mqkay+al2g==, SHA-1",
            "hostkey, ssh-dss, DSA",
            "hostkey, ssh-rsa, SHA-1 signatures",
            "hostkey, ssh-rsa-cert-v01@openssh.com, SHA-1 signatures",
            "cipher, aes128-cbc, CBC mode",
            "cipher, aes256-cbc, CBC mode",
            "cipher, rijndael-cbc@lysator.liu.se, CBC mode",
            "cipher, twofish256-cbc, CBC mode",
            "cipher, 3des-cbc, 64-bit block",
            "cipher, blowfish-cbc, 64-bit block",
            "cipher, cast128-cbc, 64-bit block",
            "cipher, arcfour256, RC4",
            "cipher, none, no encryption",
            "mac, hmac-md5, MD5",
            "mac, hmac-md5-96-etm@openssh.com, MD5",
            "mac, hmac-sha1-96, truncated",
            "mac, hmac-ripemd160, RIPEMD-160",
            "mac, none, no integrity",
    })
    void weakNamesSayWhy(String kind, String name, String why) {
        assertThat(SshAlgorithms.weak(kind, name)).hasValueSatisfying(w -> assertThat(w).contains(why));
    }

    /** Decisions, argued in the class comment: default algorithms some scanners flag are not weak here. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "kex, ecdh-sha2-nistp256",
            "kex, ecdh-sha2-nistp521",
            "kex, diffie-hellman-group14-sha256",
            "kex, sntrup761x25519-sha512@openssh.com",
            "kex, mlkem768x25519-sha256",
            "hostkey, ecdsa-sha2-nistp256",
            "hostkey, rsa-sha2-512",
            "hostkey, ssh-ed25519",
            "cipher, aes128-ctr",
            "cipher, chacha20-poly1305@openssh.com",
            "mac, umac-64-etm@openssh.com",
            "mac, umac-64@openssh.com",
            "mac, hmac-sha1",
            "mac, hmac-sha2-256-etm@openssh.com",
    })
    void soundOrArguedNamesAreNotWeak(String kind, String name) {
        assertThat(SshAlgorithms.weak(kind, name)).isEmpty();
    }

    @Test
    void nothingOpensshOffersByDefaultIsWeak() {
        defaults.forEach((kind, names) -> {
            for (String name : names) {
                assertThat(SshAlgorithms.weak(kind, name)).as(kind + " " + name).isEmpty();
            }
        });
    }

    @Test
    void everythingOpensshSupportsButLeavesOutOfItsDefaultsIsWeak() throws IOException {
        Tools.require("/usr/bin/ssh");
        List<String> left = new ArrayList<>();
        for (var e : KINDS.entrySet()) {
            for (String name : run("/usr/bin/ssh", "-Q", e.getValue()[1]).strip().split("\n")) {
                // a signature type for FIDO user keys only: never a host key, so never offered as one
                if (name.startsWith("webauthn-sk-") || defaults.get(e.getKey()).contains(name)) {
                    continue;
                }
                left.add(e.getKey() + " " + name);
                assertThat(SshAlgorithms.weak(e.getKey(), name)).as(e.getKey() + " " + name).isPresent();
            }
        }
        assertThat(left).as("this sshd leaves some algorithms out of its defaults").contains("cipher aes128-cbc", "hostkey ssh-rsa");
    }

    @Test
    void theKindMatters() {
        assertThat(SshAlgorithms.weak("mac", "aes128-cbc")).isEmpty();
        assertThat(SshAlgorithms.weak("kex", "ssh-rsa")).isEmpty();
        assertThat(SshAlgorithms.weak("cipher", "none")).isPresent();
        assertThat(SshAlgorithms.weak("kex", "none")).isEmpty();
    }

    @Test
    void namesAreCaseSensitiveAndUnknownOnesAreNotWeak() {
        assertThat(SshAlgorithms.weak("cipher", "AES128-CBC")).isEmpty();
        assertThat(SshAlgorithms.weak("kex", "something-new@example.com")).isEmpty();
    }

    @Test
    void anUnknownKindIsAProgrammingError() {
        assertThatThrownBy(() -> SshAlgorithms.weak("compression", "zlib")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyEntrySaysWhyInOneLine() {
        for (SshAlgorithms.Entry e : SshAlgorithms.TABLE) {
            assertThat(SshAlgorithms.KINDS).contains(e.kind());
            assertThat(e.why()).isNotBlank().doesNotContain("\n").hasSizeLessThan(140);
        }
    }

    static String run(String... argv) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(p.waitFor()).as(String.join(" ", argv) + ": " + out).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}
