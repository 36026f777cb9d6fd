package org.vmguard.facts.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Tools;

/** Real keys made by ssh-keygen, openssl and puttygen, with and without a passphrase. */
class KeyFormatsTest {

    @TempDir
    Path dir;

    static void run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", argv) + ": " + new String(out)).isZero();
    }

    /** Makes a key with ssh-keygen; extra arguments such as -m PEM. */
    Path sshKey(String name, String passphrase, String... extra) throws Exception {
        Path keygen = Tools.require("/usr/bin/ssh-keygen");
        Path f = dir.resolve(name);
        List<String> argv = new ArrayList<>(List.of(keygen.toString(), "-q", "-t", "ecdsa", "-N", passphrase, "-C", "test",
                "-f", f.toString()));
        argv.addAll(List.of(extra));
        run(argv.toArray(String[]::new));
        return f;
    }

    static PrivateKey only(Path f) throws IOException {
        List<PrivateKey> keys = KeyFormats.classify(f.toString(), Files.readAllBytes(f));
        assertThat(keys).hasSize(1);
        return keys.getFirst();
    }

    @Test
    void openSshKeysWithoutAndWithAPassphrase() throws Exception {
        PrivateKey bare = only(sshKey("id_bare", ""));
        assertThat(bare.format()).isEqualTo(PrivateKey.Format.OPENSSH);
        assertThat(bare.protection()).isEqualTo(PrivateKey.Protection.NONE);
        assertThat(bare.detail()).isEqualTo("cipher none");
        PrivateKey locked = only(sshKey("id_locked", "correct horse"));
        assertThat(locked.protection()).isEqualTo(PrivateKey.Protection.PASSPHRASE);
        assertThat(locked.detail()).isEqualTo("cipher aes256-ctr, kdf bcrypt");
    }

    @Test
    void pemKeysAreProtectedOnlyWithProcTypeEncrypted() throws Exception {
        PrivateKey bare = only(sshKey("pem_bare", "", "-m", "PEM"));
        assertThat(bare.format()).isEqualTo(PrivateKey.Format.PEM);
        assertThat(bare.protection()).isEqualTo(PrivateKey.Protection.NONE);
        assertThat(bare.detail()).contains("BEGIN EC PRIVATE KEY");
        PrivateKey locked = only(sshKey("pem_locked", "correct horse", "-m", "PEM"));
        assertThat(locked.protection()).isEqualTo(PrivateKey.Protection.PASSPHRASE);
        assertThat(locked.detail()).contains("Proc-Type: 4,ENCRYPTED");
    }

    @Test
    void pkcs8KeysFromSshKeygenAndOpenssl() throws Exception {
        assertThat(only(sshKey("p8_bare", "", "-m", "PKCS8")).format()).isEqualTo(PrivateKey.Format.PKCS8);
        assertThat(only(sshKey("p8_locked", "correct horse", "-m", "PKCS8")).format())
                .isEqualTo(PrivateKey.Format.PKCS8_ENCRYPTED);
        Path openssl = Tools.require("/usr/bin/openssl");
        Path bare = dir.resolve("server.key");
        run(openssl.toString(), "genpkey", "-algorithm", "ed25519", "-out", bare.toString());
        assertThat(only(bare).protection()).isEqualTo(PrivateKey.Protection.NONE);
        Path locked = dir.resolve("locked.pem");
        run(openssl.toString(), "genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:correct horse",
                "-out", locked.toString());
        assertThat(only(locked).protection()).isEqualTo(PrivateKey.Protection.PASSPHRASE);
        Path rsa = dir.resolve("rsa.pem");
        run(openssl.toString(), "genrsa", "-traditional", "-out", rsa.toString(), "1024");
        assertThat(only(rsa).detail()).contains("BEGIN RSA PRIVATE KEY");
    }

    @Test
    void puttyKeysSayTheirEncryption() throws Exception {
        Path puttygen = Tools.require("/usr/bin/puttygen");
        Path bare = dir.resolve("bare.ppk");
        run(puttygen.toString(), "-q", "-t", "ed25519", "-o", bare.toString(), "--new-passphrase", "/dev/null");
        PrivateKey b = only(bare);
        assertThat(b.format()).isEqualTo(PrivateKey.Format.PUTTY);
        assertThat(b.protection()).isEqualTo(PrivateKey.Protection.NONE);
        Path pass = dir.resolve("pass");
        Files.writeString(pass, "correct horse\n");
        Path locked = dir.resolve("locked.ppk");
        run(puttygen.toString(), "-q", "-t", "ed25519", "-o", locked.toString(), "--new-passphrase", pass.toString());
        assertThat(only(locked).protection()).isEqualTo(PrivateKey.Protection.PASSPHRASE);
    }

    @Test
    void publicKeysCertificatesAndDamagedKeysAreNotUnprotectedKeys() throws Exception {
        Path f = sshKey("id_x", "");
        assertThat(KeyFormats.classify("x.pub", Files.readAllBytes(dir.resolve("id_x.pub")))).isEmpty();
        String text = Files.readString(f);
        String damaged = text.replace(text.substring(40, 80), "!!!!");
        assertThat(KeyFormats.classify("x", damaged.getBytes())).singleElement()
                .satisfies(k -> assertThat(k.protection()).isEqualTo(PrivateKey.Protection.UNREADABLE));
        assertThat(KeyFormats.classify("c", "-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n".getBytes()))
                .isEmpty();
    }

    @Test
    void aKeySavedWithAByteOrderMarkOrIndentedIsStillAnUnprotectedKey() throws Exception {
        // a Windows editor's UTF-8 BOM, or a key pasted indented into a note: the secret is as bare
        byte[] key = Files.readAllBytes(sshKey("id_bare", ""));
        byte[] bom = new byte[key.length + 3];
        bom[0] = (byte) 0xef;
        bom[1] = (byte) 0xbb;
        bom[2] = (byte) 0xbf;
        System.arraycopy(key, 0, bom, 3, key.length);
        assertThat(KeyFormats.classify("bom", bom)).singleElement()
                .satisfies(k -> assertThat(k.protection()).isEqualTo(PrivateKey.Protection.NONE));
        String indented = "notes for the deploy box:\n" + new String(key, java.nio.charset.StandardCharsets.US_ASCII)
                .replaceAll("(?m)^(?=.)", "    ");
        assertThat(KeyFormats.classify("notes", indented.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .singleElement().satisfies(k -> {
                    assertThat(k.protection()).isEqualTo(PrivateKey.Protection.NONE);
                    assertThat(k.line()).isEqualTo(2);
                });
    }
}
