package org.vmguard.checks.ssh;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.sshd.Connection;
import org.vmguard.facts.sshd.Setting;
import org.vmguard.facts.sshd.Sshd;

public final class SshKbdInteractive extends SshdCheck {

    static final CheckInfo INFO = CheckInfo.host("ssh.kbd-interactive",
            "SSH keyboard-interactive login does not accept passwords through PAM", Severity.HIGH,
            "With UsePAM yes, keyboard-interactive authentication hands the login to PAM, which asks for the "
                    + "account password: PasswordAuthentication no alone then does not stop password guessing. "
                    + "ChallengeResponseAuthentication is the older name of KbdInteractiveAuthentication (an alias "
                    + "since OpenSSH 8.7, a separate switch before).",
            setLine("KbdInteractiveAuthentication no", "Unless you use PAM-based two-factor login, disable it.")
                    + " On OpenSSH before 8.7 also set `ChallengeResponseAuthentication no`.",
            "Disable SSH password login - use keys (Nectar and CSC Pouta security guidelines)",
            "CIS Debian Linux 12 Benchmark 5.1.x: Ensure sshd KbdInteractiveAuthentication is disabled");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    List<String> options() {
        return List.of("kbdinteractiveauthentication", "usepam");
    }

    @Override
    Outcome judge(Host host, Sshd sshd) {
        Setting pam = sshd.config().global("usepam");
        if (!pam.value().equals("yes")) {
            return Outcome.pass("UsePAM " + pam.value() + ": keyboard-interactive login cannot ask PAM for a password ("
                    + pam.describe() + ")", pam.evidence());
        }
        List<Found> bad = new ArrayList<>();
        boolean differ = false;
        List<String> options = new ArrayList<>(List.of("kbdinteractiveauthentication"));
        if (!sshd.version().atLeast(8, 7)) {
            options.add("challengeresponseauthentication");
        }
        for (String o : options) {
            List<Found> all = possibilities(sshd, o, Connection.ANY);
            differ |= all.size() > 1;
            all.stream().filter(f -> f.setting().value().equals("yes")).forEach(bad::add);
        }
        if (bad.isEmpty()) {
            Setting k = sshd.config().global("kbdinteractiveauthentication");
            return Outcome.pass("keyboard-interactive login is off for every connection: " + k.describe(),
                    k.evidence());
        }
        Outcome o = failure(bad, differ, null);
        List<org.vmguard.core.Evidence> ev = new ArrayList<>(o.evidence());
        ev.addAll(pam.evidence());
        return Outcome.fail(o.reason() + "; with " + pam.describe(), ev);
    }
}
