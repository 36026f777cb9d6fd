package org.vmguard.facts.fleet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.vmguard.facts.FactException;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.Passwd;

/**
 * Private keys without a passphrase in the users' ~/.ssh directories (every home of /etc/passwd,
 * and /root), known by the fingerprint of their public half, so a fleet can tell when the same
 * key lies on several hosts. A small fact of its own: the keys area gathers a richer one.
 *
 * @param problems directories or files that could not be read ("/home/bob/.ssh: permission denied")
 */
public record UnprotectedKeys(List<KeyFile> keys, List<String> problems) {

    public static final FactKey<UnprotectedKeys> KEY = FactKey.of("fleet.unprotected-keys", UnprotectedKeys::load);

    /** Keys larger than this are not SSH private keys. */
    static final int MAX_KEY_BYTES = 64 * 1024;

    /** @param fingerprint "SHA256:…" of the public key, as ssh-keygen -l prints it */
    public record KeyFile(String path, String type, String fingerprint) {
    }

    public UnprotectedKeys {
        keys = List.copyOf(keys);
        problems = List.copyOf(problems);
    }

    static UnprotectedKeys load(Host host) {
        Set<String> homes = new LinkedHashSet<>();
        homes.add("/root");
        Passwd passwd = host.fact(Passwd.KEY);
        passwd.entries().forEach(e -> {
            if (e.home().startsWith("/") && !e.home().equals("/")) {
                homes.add(e.home());
            }
        });
        List<KeyFile> keys = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String home : homes) {
            String dir = home + "/.ssh";
            List<String> names;
            try {
                names = host.list(dir);
            } catch (FactException e) {
                problems.add(e.getMessage());
                continue;
            }
            for (String n : names) {
                String path = dir + "/" + n;
                try {
                    Optional<org.vmguard.target.FileStat> st = host.stat(path);
                    if (st.isEmpty() || !st.get().isRegularFile() || st.get().size() > MAX_KEY_BYTES) {
                        continue;
                    }
                    host.text(path).flatMap(t -> parse(path, t)).ifPresent(keys::add);
                } catch (FactException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        return new UnprotectedKeys(keys, problems);
    }

    /** The key in this text when it is a private key without a passphrase; empty otherwise. */
    public static Optional<KeyFile> parse(String path, String text) {
        if (!text.contains("PRIVATE KEY-----") || text.contains("ENCRYPTED")) {
            return Optional.empty();
        }
        FilePasswordProvider none = (session, resource, retry) -> null; // encrypted: no passphrase, so not ours
        try {
            Iterable<KeyPair> kps = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(path),
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), none);
            if (kps == null) {
                return Optional.empty();
            }
            for (KeyPair kp : kps) {
                return Optional.of(new KeyFile(path, KeyUtils.getKeyType(kp.getPublic()), KeyUtils.getFingerPrint(kp.getPublic())));
            }
            return Optional.empty();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return Optional.empty(); // encrypted, or not a key we can read: not an unprotected key
        }
    }
}
