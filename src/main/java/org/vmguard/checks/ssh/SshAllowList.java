package org.vmguard.checks.ssh;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.sshd.Connection;
import org.vmguard.facts.sshd.Setting;
import org.vmguard.facts.sshd.Sshd;

public final class SshAllowList extends SshdCheck {

    static final CheckInfo INFO = CheckInfo.host("ssh.allow-list",
            "SSH logins are limited to listed users or groups", Severity.LOW,
            "Without AllowUsers or AllowGroups every account with a shell and a credential may log in over SSH, "
                    + "including service and forgotten accounts. An allow list makes new accounts closed by default.",
            setLine("AllowGroups sshusers", "Create a group for the people who may log in "
                    + "(sudo groupadd sshusers; sudo usermod -aG sshusers NAME), then allow only that group."),
            "CIS Debian Linux 12 Benchmark 5.1.x: Ensure sshd access is configured",
            "DISA STIG: The SSH daemon must restrict login to authorized users");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    List<String> options() {
        return List.of("allowusers", "allowgroups");
    }

    @Override
    Outcome judge(Host host, Sshd sshd) {
        Connection none = new Connection(null, null, null, null, null, null, null);
        Setting users = sshd.config().effective("allowusers", none);
        Setting groups = sshd.config().effective("allowgroups", none);
        List<Evidence> ev = new ArrayList<>();
        if (!users.values().isEmpty() || !groups.values().isEmpty()) {
            for (Setting s : List.of(users, groups)) {
                if (!s.values().isEmpty()) {
                    ev.addAll(s.evidence());
                }
            }
            String what = users.values().isEmpty() ? groups.describe()
                    : groups.values().isEmpty() ? users.describe() : users.describe() + "; " + groups.describe();
            return Outcome.pass("logins are limited for every connection: " + what, ev);
        }
        List<String> partial = new ArrayList<>();
        for (String o : List.of("allowusers", "allowgroups")) {
            for (Setting s : sshd.config().possible(o, Connection.ANY)) {
                if (s.via() != null && !s.values().isEmpty()) {
                    partial.add(s.name() + " only for connections matching " + s.via().describe());
                    ev.addAll(s.evidence());
                }
            }
        }
        if (ev.isEmpty()) {
            ev.add(Evidence.file(sshd.config().path(), "no AllowUsers or AllowGroups line"));
        }
        return Outcome.fail("neither AllowUsers nor AllowGroups restricts who may log in"
                + (partial.isEmpty() ? "" : " (" + String.join("; ", partial) + ")"), ev);
    }
}
