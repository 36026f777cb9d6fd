package org.vmguard.checks.ssh;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.sshd.Algorithms;
import org.vmguard.facts.sshd.Connection;
import org.vmguard.facts.sshd.Setting;
import org.vmguard.facts.sshd.Sshd;
import org.vmguard.facts.sshd.SshdConfig;

public final class SshWeakCrypto extends SshdCheck {

    static final List<String> OPTIONS = List.of("ciphers", "macs", "kexalgorithms", "hostkeyalgorithms",
            "pubkeyacceptedalgorithms");

    static final CheckInfo INFO = CheckInfo.host("ssh.weak-crypto",
            "SSH offers no weak algorithms", Severity.MEDIUM,
            "CBC-mode ciphers, RC4, 3DES, MD5 and truncated SHA-1 MACs, the 1024-bit and SHA-1 Diffie-Hellman "
                    + "exchanges, DSA keys and SHA-1 RSA signatures (ssh-rsa, off by default since OpenSSH 8.8) have "
                    + "known attacks; offering them lets an attacker in the network path negotiate down. The lists "
                    + "are judged as sshd assembles them, after +, - and ^ and the release's defaults.",
            "Remove the weak names from the Ciphers, MACs, KexAlgorithms, HostKeyAlgorithms and "
                    + "PubkeyAcceptedAlgorithms lines (or delete the lines to get OpenSSH's defaults), e.g. `Ciphers "
                    + "-*-cbc,3des-cbc,arcfour*` in " + DROP_IN + " (it sorts first, so it wins), then: sudo sshd -t && "
                    + "sudo systemctl reload ssh; `sudo sshd -T | grep -E '^(ciphers|macs|kexalgorithms)'` shows the "
                    + "result.",
            "Mozilla OpenSSH guidelines (modern)", "CIS Debian Linux 12 Benchmark 5.1.x: Ensure sshd Ciphers, MACs "
                    + "and KexAlgorithms are configured",
            "NIST SP 800-131A (SHA-1 and 3DES deprecation)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    List<String> options() {
        return OPTIONS;
    }

    @Override
    Outcome judge(Host host, Sshd sshd) {
        List<String> found = new ArrayList<>();
        LinkedHashSet<Evidence> ev = new LinkedHashSet<>();
        List<String> fine = new ArrayList<>();
        for (String o : OPTIONS) {
            for (Setting s : sshd.config().possible(o, Connection.ANY)) {
                List<String> weak = SshdConfig.names(s).stream().filter(Algorithms.WEAK::containsKey).toList();
                if (weak.isEmpty()) {
                    if (s.via() == null) {
                        fine.add(s.name() + (s.isDefault() ? " (default)" : " from " + s.from().getFirst().where()));
                    }
                    continue;
                }
                String where = s.via() != null && !s.via().all()
                        ? " for connections matching " + s.via().describe() : "";
                List<String> named = weak.stream().map(w -> w + " (" + Algorithms.WEAK.get(w) + ")").toList();
                found.add(s.name() + where + " enables " + String.join(", ", named) + ": "
                        + (s.isDefault() ? "the default of " + sshd.version().label() : "from "
                        + String.join(", ", s.from().stream().map(d -> d.where()).toList())));
                ev.addAll(s.evidence());
            }
        }
        if (found.isEmpty()) {
            return Outcome.pass("no weak algorithm is offered: " + String.join(", ", fine));
        }
        return Outcome.fail(String.join("; ", found), List.copyOf(ev));
    }
}
