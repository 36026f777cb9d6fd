package org.vmguard.facts.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises private keys in a file's bytes and tells whether a passphrase protects them:
 * OpenSSH's openssh-key-v1 (the binary header's cipher name, "none" when unprotected),
 * traditional PEM (RSA/EC/DSA, encrypted when a "Proc-Type: 4,ENCRYPTED" header is present),
 * PKCS#8 ("PRIVATE KEY" vs "ENCRYPTED PRIVATE KEY") and PuTTY .ppk ("Encryption: none"). Any byte
 * string is accepted; nothing is thrown.
 */
public final class KeyFormats {

    /** A UTF-8 byte order mark (a Windows editor's) read as ISO-8859-1, as {@link #classify} reads. */
    private static final String BOM = "(?:\u00ef\u00bb\u00bf)?";
    // indented (pasted into a note) or behind a BOM, the key is as bare as without
    private static final Pattern BEGIN = Pattern.compile("^" + BOM + "\\s*-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----\\s*$");
    private static final Pattern PUTTY = Pattern.compile("^" + BOM + "\\s*PuTTY-User-Key-File-(\\d+):\\s*(\\S*)\\s*$");
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    /** A sane bound for the cipher-name string of openssh-key-v1. */
    private static final int MAX_NAME = 64;

    private KeyFormats() {
    }

    public static List<PrivateKey> classify(String path, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", -1);
        List<PrivateKey> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher putty = PUTTY.matcher(lines[i]);
            if (putty.matches()) {
                out.add(putty(path, lines, i, putty.group(1)));
                continue;
            }
            Matcher m = BEGIN.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            String kind = m.group(1).strip();
            int end = i + 1;
            while (end < lines.length && !lines[end].strip().startsWith("-----END ")) {
                end++;
            }
            out.add(switch (kind) {
                case "OPENSSH" -> openssh(path, i + 1, lines, i + 1, end);
                case "ENCRYPTED" -> new PrivateKey(path, i + 1, PrivateKey.Format.PKCS8_ENCRYPTED,
                        PrivateKey.Protection.PASSPHRASE, "BEGIN ENCRYPTED PRIVATE KEY");
                case "" -> new PrivateKey(path, i + 1, PrivateKey.Format.PKCS8, PrivateKey.Protection.NONE,
                        "BEGIN PRIVATE KEY (unencrypted PKCS#8)");
                default -> pem(path, i + 1, kind, lines, i + 1, end);
            });
            i = end;
        }
        return out;
    }

    private static PrivateKey pem(String path, int line, String kind, String[] lines, int from, int end) {
        for (int j = from; j < end && lines[j].contains(":"); j++) {
            if (lines[j].replace(" ", "").equalsIgnoreCase("Proc-Type:4,ENCRYPTED")) {
                return new PrivateKey(path, line, PrivateKey.Format.PEM, PrivateKey.Protection.PASSPHRASE,
                        kind + ", Proc-Type: 4,ENCRYPTED");
            }
        }
        return new PrivateKey(path, line, PrivateKey.Format.PEM, PrivateKey.Protection.NONE,
                "BEGIN " + kind + " PRIVATE KEY without Proc-Type: 4,ENCRYPTED");
    }

    private static PrivateKey openssh(String path, int line, String[] lines, int from, int end) {
        StringBuilder b64 = new StringBuilder();
        for (int j = from; j < end; j++) {
            b64.append(lines[j].strip());
        }
        byte[] blob;
        try {
            blob = Base64.getMimeDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            return unreadable(path, line, PrivateKey.Format.OPENSSH, "its base64 body is malformed");
        }
        if (blob.length < MAGIC.length + 4 || !startsWith(blob, MAGIC)) {
            return unreadable(path, line, PrivateKey.Format.OPENSSH, "no openssh-key-v1 header");
        }
        ByteBuffer buf = ByteBuffer.wrap(blob); // big-endian, as SSH wire strings are
        buf.position(MAGIC.length);
        int len = buf.getInt();
        if (len < 0 || len > MAX_NAME || len > buf.remaining()) {
            return unreadable(path, line, PrivateKey.Format.OPENSSH, "its cipher name is cut off");
        }
        byte[] name = new byte[len];
        buf.get(name);
        String cipher = new String(name, StandardCharsets.US_ASCII).replaceAll("[^\\x20-\\x7e]", "?");
        String kdf = "";
        if (buf.remaining() >= 4) {
            int kl = buf.getInt();
            if (kl >= 0 && kl <= MAX_NAME && kl <= buf.remaining()) {
                byte[] k = new byte[kl];
                buf.get(k);
                kdf = ", kdf " + new String(k, StandardCharsets.US_ASCII).replaceAll("[^\\x20-\\x7e]", "?");
            }
        }
        return cipher.equals("none")
                ? new PrivateKey(path, line, PrivateKey.Format.OPENSSH, PrivateKey.Protection.NONE, "cipher none")
                : new PrivateKey(path, line, PrivateKey.Format.OPENSSH, PrivateKey.Protection.PASSPHRASE,
                        "cipher " + cipher + kdf);
    }

    private static PrivateKey putty(String path, String[] lines, int at, String version) {
        for (int j = at + 1; j < Math.min(lines.length, at + 6); j++) {
            String l = lines[j].strip();
            if (l.startsWith("Encryption:")) {
                String enc = l.substring("Encryption:".length()).strip();
                return enc.equals("none")
                        ? new PrivateKey(path, at + 1, PrivateKey.Format.PUTTY, PrivateKey.Protection.NONE,
                                "version " + version + ", Encryption: none")
                        : new PrivateKey(path, at + 1, PrivateKey.Format.PUTTY, PrivateKey.Protection.PASSPHRASE,
                                "version " + version + ", Encryption: " + enc.replaceAll("[^\\x20-\\x7e]", "?"));
            }
        }
        return unreadable(path, at + 1, PrivateKey.Format.PUTTY, "no Encryption: header");
    }

    private static PrivateKey unreadable(String path, int line, PrivateKey.Format f, String why) {
        return new PrivateKey(path, line, f, PrivateKey.Protection.UNREADABLE, why);
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
