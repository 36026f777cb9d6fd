package org.vmguard.checks.ssh;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.sshd.Setting;
import org.vmguard.facts.sshd.Sshd;

public final class SshDefaultPort extends SshdCheck {

    static final CheckInfo INFO = CheckInfo.host("ssh.default-port",
            "SSH does not listen on port 22", Severity.LOW,
            "Port 22 receives nearly all automated SSH scanning and guessing. Another port is no protection by "
                    + "itself, but it removes most log noise so that real attacks stand out.",
            setLine("Port 2222", "Choose another port, allow it in the firewall and the cloud security group "
                    + "first, and keep an open session while testing.")
                    + " Remove other Port lines and ListenAddress lines that name :22.",
            "Nectar and CSC Pouta security guidelines (reduce SSH exposure)",
            "CIS Debian Linux 12 Benchmark 5.1.x (SSH access hardening)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    List<String> options() {
        return List.of("port");
    }

    @Override
    Outcome judge(Host host, Sshd sshd) {
        Setting ports = sshd.config().global("port");
        Setting listen = sshd.config().global("listenaddress");
        Set<Integer> listening = new LinkedHashSet<>();
        boolean bare = listen.isDefault();
        List<Evidence> listenEvidence = new ArrayList<>();
        if (!listen.isDefault()) {
            for (int i = 0; i < listen.values().size(); i++) {
                Integer p = explicitPort(listen.values().get(i));
                if (p == null) {
                    bare = true;
                } else {
                    listening.add(p);
                    if (p == 22) {
                        listenEvidence.add(listen.from().get(Math.min(i, listen.from().size() - 1)).evidence());
                    }
                }
            }
        }
        if (bare) {
            ports.values().forEach(v -> listening.add(Integer.parseInt(v)));
        }
        if (!listening.contains(22)) {
            return Outcome.pass("sshd listens on port(s) " + listening + ": " + ports.describe(), ports.evidence());
        }
        List<Evidence> ev = new ArrayList<>(listenEvidence);
        if (bare && ports.values().contains("22")) {
            ev.addAll(ports.evidence());
        }
        String why = bare && ports.values().contains("22") ? ports.describe() : "ListenAddress names port 22";
        return Outcome.fail("sshd listens on port 22: " + why, ev);
    }

    /** The port of "addr:port" / "[v6]:port"; null when the address has none (Port applies). */
    static Integer explicitPort(String listen) {
        String a = listen.split("\\s+")[0];
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            return close >= 0 && a.startsWith(":", close + 1) ? parse(a.substring(close + 2)) : null;
        }
        int first = a.indexOf(':');
        if (first < 0 || a.indexOf(':', first + 1) >= 0) {
            return null; // no port, or a bare IPv6 address
        }
        return parse(a.substring(first + 1));
    }

    private static Integer parse(String p) {
        return p.matches("[0-9]{1,5}") ? Integer.valueOf(p) : null;
    }
}
