package org.vmguard.checks.ssh;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.sshd.EtcGroup;
import org.vmguard.facts.sshd.Sshd;
import org.vmguard.facts.sshd.SshdHostKeys;

public final class SshHostKeyPerms extends SshdCheck {

    static final CheckInfo INFO = CheckInfo.host("ssh.host-key-perms",
            "SSH host private keys are readable only by root", Severity.HIGH,
            "Whoever reads a host private key can impersonate the server to its users (a man in the middle that "
                    + "no host-key warning reveals). The keys must belong to root and be readable by root alone; "
                    + "RHEL's ssh_keys group (mode 0640) is accepted while it has no members.",
            "Fix owner and mode of each key sshd loads: sudo chown root:root /etc/ssh/ssh_host_*_key && sudo chmod "
                    + "600 /etc/ssh/ssh_host_*_key (on RHEL, root:ssh_keys with 0640 is the packaged layout). If the "
                    + "keys may have been read, generate new ones (sudo rm /etc/ssh/ssh_host_*; sudo ssh-keygen -A), "
                    + "reload ssh and tell users the new fingerprints.",
            "CIS Debian Linux 12 Benchmark 5.1.x: Ensure permissions on SSH private host key files are configured",
            "DISA STIG: SSH private host key files must have mode 0600 or less permissive");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    List<String> options() {
        return List.of("hostkey");
    }

    @Override
    Outcome judge(Host host, Sshd sshd) {
        SshdHostKeys keys = host.fact(SshdHostKeys.KEY);
        EtcGroup groups = host.fact(EtcGroup.KEY);
        List<String> bad = new ArrayList<>();
        List<Evidence> ev = new ArrayList<>();
        List<String> ok = new ArrayList<>();
        for (SshdHostKeys.Key k : keys.keys()) {
            if (!k.present()) {
                continue;
            }
            String seen = k.path() + " mode " + k.octal() + " owner uid " + k.uid() + " group "
                    + (k.group().isEmpty() ? "gid " + k.gid() : k.group());
            String why = problem(k, groups);
            if (why != null) {
                bad.add(k.path() + " " + why);
                ev.add(Evidence.file(k.path(), seen));
            } else {
                ok.add(k.path() + " " + k.octal());
            }
        }
        if (!bad.isEmpty()) {
            return Outcome.fail(String.join("; ", bad), ev);
        }
        if (ok.isEmpty()) {
            return Outcome.skip("no host private key exists yet (" + String.join(", ",
                    keys.keys().stream().map(SshdHostKeys.Key::path).toList())
                    + "): sshd's keys are generated at first boot");
        }
        return Outcome.pass("host keys readable by root only: " + String.join(", ", ok));
    }

    static String problem(SshdHostKeys.Key k, EtcGroup groups) {
        if (k.uid() != 0) {
            return "belongs to uid " + k.uid() + ", not root";
        }
        if ((k.mode() & 0004) != 0) {
            return "is readable by every user (mode " + k.octal() + ")";
        }
        if ((k.mode() & 0040) != 0 && k.gid() != 0) {
            boolean rhelKeysGroup = k.group().equals("ssh_keys") && groups.groups().stream()
                    .filter(g -> g.gid() == k.gid()).allMatch(g -> g.members().isEmpty());
            if (!rhelKeysGroup) {
                return "is readable by group " + (k.group().isEmpty() ? "gid " + k.gid() : k.group()) + " (mode "
                        + k.octal() + ")";
            }
        }
        return null;
    }
}
