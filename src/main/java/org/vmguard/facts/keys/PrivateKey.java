package org.vmguard.facts.keys;

import org.vmguard.core.Evidence;

/**
 * A private key found in a file: its format, whether a passphrase protects it, and where it
 * starts. The key material itself is never kept.
 *
 * @param line the 1-based line of its BEGIN marker (or PuTTY header)
 * @param detail what the protection verdict rests on, e.g. "cipher none", "Proc-Type: 4,ENCRYPTED"
 */
public record PrivateKey(String path, int line, Format format, Protection protection, String detail) {

    public enum Format {
        OPENSSH("OpenSSH private key (openssh-key-v1)"),
        PEM("PEM private key"),
        PKCS8("PKCS#8 private key"),
        PKCS8_ENCRYPTED("encrypted PKCS#8 private key"),
        PUTTY("PuTTY private key (.ppk)");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public enum Protection {
        /** Usable by anyone who can read the file. */
        NONE,
        /** Encrypted with a passphrase. */
        PASSPHRASE,
        /** Looked like a key but could not be parsed: damaged or not a key after all. */
        UNREADABLE
    }

    public Evidence evidence() {
        String verdict = switch (protection) {
            case NONE -> "no passphrase";
            case PASSPHRASE -> "protected by a passphrase";
            case UNREADABLE -> "could not be parsed";
        };
        return Evidence.at(path, line, format.label() + ", " + detail + ": " + verdict);
    }
}
