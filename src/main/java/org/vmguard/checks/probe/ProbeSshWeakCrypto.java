package org.vmguard.checks.probe;

import java.util.ArrayList;
import java.util.List;

import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.probe.NetworkHost;
import org.vmguard.probe.SshServer;

public final class ProbeSshWeakCrypto implements Check<NetworkHost> {

    static final CheckInfo INFO = CheckInfo.network("probe.ssh-weak-crypto",
            "The SSH server offers no weak algorithm", Severity.MEDIUM,
            "A client and server agree on the first algorithm both support; an attacker in the path can make "
                    + "a client pick a weak one the server still offers (SHA-1 key exchange and signatures, CBC "
                    + "ciphers, MD5 and truncated MACs), and old clients will.",
            "Drop the listed algorithms: in /etc/ssh/sshd_config.d/00-vmguard.conf set KexAlgorithms, Ciphers, "
                    + "MACs and HostKeyAlgorithms with a leading '-' and the names (e.g. Ciphers -aes128-cbc), "
                    + "check with sshd -T, reload ssh.",
            "OpenSSH release notes: deprecations", "Mozilla OpenSSH guidelines");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(NetworkHost host) {
        return Answers.judge(host.ssh(), seen -> {
            SshServer s = seen.value();
            List<Evidence> weak = new ArrayList<>();
            weak(weak, "kex", s.kex());
            weak(weak, "hostkey", s.hostKeys());
            weak(weak, "cipher", s.ciphers());
            weak(weak, "mac", s.macs());
            if (!weak.isEmpty()) {
                List<Evidence> all = new ArrayList<>(weak);
                all.addAll(seen.evidence());
                return Outcome.fail("the SSH server offers " + weak.size() + " weak algorithm(s)", all);
            }
            int n = s.kex().size() + s.hostKeys().size() + s.ciphers().size() + s.macs().size();
            return Outcome.pass("none of the " + n + " algorithms offered is weak", seen.evidence());
        });
    }

    private static void weak(List<Evidence> out, String kind, List<String> names) {
        for (String name : names) {
            SshAlgorithms.weak(kind, name).ifPresent(why -> out.add(Evidence.note(kind + " " + name + ": " + why)));
        }
    }
}
