package org.vmguard.checks.probe;

import java.util.ArrayList;
import java.util.List;

import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.probe.NetworkHost;

public final class ProbeSshOutdated implements Check<NetworkHost> {

    static final CheckInfo INFO = CheckInfo.network("probe.ssh-outdated",
            "The SSH server is not a release with known remote flaws", Severity.MEDIUM,
            "sshd faces the whole internet before anyone has logged in: a flaw reachable before "
                    + "authentication (such as regreSSHion, CVE-2024-6387) is exploitable by anyone who can "
                    + "connect. The banner names the release and the distribution's patch level.",
            "Install the distribution's security updates and restart ssh (apt-get update && apt-get install "
                    + "--only-upgrade openssh-server; dnf upgrade openssh-server), and keep unattended-upgrades on.",
            "Nectar: Keep your VM updated", "CVE-2024-6387");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(NetworkHost host) {
        return Answers.judge(host.ssh(), seen -> {
            String banner = seen.value().banner();
            if (!banner.matches("SSH-[0-9.]+-OpenSSH_[0-9].*")) {
                return Outcome.skip("the banner does not name an OpenSSH release: " + banner);
            }
            List<String> flaws = OpensshReleases.flaws(banner);
            if (!flaws.isEmpty()) {
                List<Evidence> ev = new ArrayList<>();
                flaws.forEach(f -> ev.add(Evidence.note(f)));
                ev.addAll(seen.evidence());
                return Outcome.fail(release(banner) + " has " + flaws.size() + " known remotely exploitable flaw(s)", ev);
            }
            return Outcome.pass(release(banner) + ": no known remotely exploitable flaw", seen.evidence());
        });
    }

    private static String release(String banner) {
        int dash = banner.indexOf('-', 4);
        return dash < 0 ? banner : banner.substring(dash + 1);
    }
}
