package org.vmguard.checks.keys;

import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.keys.PrivateKey;
import org.vmguard.facts.keys.PrivateKeys;

public final class KeyUnprotected implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("key.unprotected",
            "Private keys are protected by a passphrase", Severity.MEDIUM,
            "A private key without a passphrase is a password written down: whoever copies the file (a backup, "
                    + "a leaked image, another compromised account, malware on a laptop) logs in wherever the key "
                    + "is authorized, with nothing left to guess.",
            "Add a passphrase: ssh-keygen -p -f FILE (OpenSSH and PEM keys), openssl pkcs8 -topk8 -v2 aes-256-cbc "
                    + "-in FILE -out FILE.enc (PKCS#8), puttygen FILE -P (PuTTY). Use ssh-agent so the passphrase "
                    + "is typed once per session. A key that must run unattended belongs to a dedicated account "
                    + "with a forced command (authorized_keys command=…, restrict), not in a person's home.",
            "Protect private keys with a passphrase",
            "NIST IR 7966: Security of Interactive and Automated Access Management Using SSH");

    private final FactKey<PrivateKeys> source;

    /** The audit's check: keys in every home directory. */
    public KeyUnprotected() {
        this(PrivateKeys.KEY);
    }

    /** The same check over other places: `vmguard keys PATH…`. */
    public KeyUnprotected(FactKey<PrivateKeys> source) {
        this.source = source;
    }

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        PrivateKeys found = host.fact(source);
        List<PrivateKey> bare = found.unprotected();
        String limits = found.limits().isEmpty() ? "" : " (search limited: " + String.join("; ", found.limits()) + ")";
        if (!bare.isEmpty()) {
            List<Evidence> evidence = bare.stream().map(PrivateKey::evidence).toList();
            return Outcome.fail(bare.size() + " private key(s) without a passphrase: "
                    + String.join(", ", bare.stream().map(PrivateKey::path).distinct().toList()) + limits, evidence);
        }
        if (!found.problems().isEmpty()) {
            return Outcome.error("could not search everywhere: " + String.join("; ", found.problems()) + limits);
        }
        long protectedKeys = found.keys().stream().filter(k -> k.protection() == PrivateKey.Protection.PASSPHRASE).count();
        List<String> broken = found.keys().stream().filter(k -> k.protection() == PrivateKey.Protection.UNREADABLE)
                .map(k -> k.path() + " (" + k.detail() + ")").toList();
        if (found.roots().isEmpty()) {
            return Outcome.pass("nothing to search: " + (found.absent().isEmpty() ? "no home directory"
                    : String.join(", ", found.absent())) + " does not exist");
        }
        String where = String.join(", ", found.roots());
        return Outcome.pass(found.examined() + " file(s) examined in " + where + ": "
                + (protectedKeys == 0 ? "no private key" : protectedKeys + " private key(s), all with a passphrase")
                + (broken.isEmpty() ? "" : "; not parsed as keys: " + String.join(", ", broken)) + limits);
    }
}
