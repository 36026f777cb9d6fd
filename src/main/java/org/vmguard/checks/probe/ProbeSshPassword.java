package org.vmguard.checks.probe;

import java.util.List;

import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.probe.NetworkHost;

public final class ProbeSshPassword implements Check<NetworkHost> {

    static final CheckInfo INFO = CheckInfo.network("probe.ssh-password",
            "The SSH server offers only key authentication to the network", Severity.HIGH,
            "Password and keyboard-interactive logins are what brute-force bots guess at, all day, on every "
                    + "public address. What the server offers a stranger is what counts, whatever the files say: a "
                    + "Match block, an Include or a cloud-init drop-in can turn passwords back on.",
            "Set PasswordAuthentication no and KbdInteractiveAuthentication no (ChallengeResponseAuthentication "
                    + "on OpenSSH < 8.7) in /etc/ssh/sshd_config.d/00-vmguard.conf, check with sshd -t, reload ssh; "
                    + "vmguard audit shows which file turns them on.",
            "Nectar: Secure SSH - key-only logins", "CIS 5.2.x");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(NetworkHost host) {
        return Answers.judge(host.sshAuthMethods(), seen -> {
            List<String> methods = seen.value();
            List<String> weak = methods.stream()
                    .filter(m -> m.equals("password") || m.equals("keyboard-interactive")).toList();
            if (!weak.isEmpty()) {
                return Outcome.fail("the SSH server offers " + String.join(" and ", weak)
                        + " authentication (methods offered: " + String.join(", ", methods) + ")", seen.evidence());
            }
            return Outcome.pass("the SSH server offers " + (methods.isEmpty() ? "no method" : String.join(", ", methods))
                    + ", no password", seen.evidence());
        });
    }
}
