package org.vmguard.facts.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.PathGlob;

/**
 * The ports sshd listens on, read simply for the firewall checks: every `Port` line of
 * /etc/ssh/sshd_config and the files its `Include` lines name (outside Match blocks), else 22.
 * The full sshd reader (first-value-wins, Match) should replace this when it lands.
 *
 * @param installed whether sshd's configuration exists at all
 */
public record SshPorts(boolean installed, List<Integer> ports, List<Evidence> evidence) {

    public static final FactKey<SshPorts> KEY = FactKey.of("ssh-ports", SshPorts::load);
    static final String CONF = "/etc/ssh/sshd_config";

    static SshPorts load(Host host) {
        Optional<String> t = host.text(CONF);
        if (t.isEmpty()) {
            return new SshPorts(host.stat("/usr/sbin/sshd").isPresent(), List.of(22),
                    List.of(Evidence.note("Port 22 (OpenSSH's default)")));
        }
        List<Integer> ports = new ArrayList<>();
        List<Evidence> ev = new ArrayList<>();
        read(host, CONF, t.get(), ports, ev, 0);
        if (ports.isEmpty()) {
            return new SshPorts(true, List.of(22), List.of(Evidence.note("Port 22 (OpenSSH's default: no Port line)")));
        }
        return new SshPorts(true, List.copyOf(ports), List.copyOf(ev));
    }

    private static void read(Host host, String path, String text, List<Integer> ports, List<Evidence> ev, int depth) {
        if (depth > 8) {
            return;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            String[] f = l.split("[\\s=]+", 2);
            if (f.length < 2 || l.startsWith("#")) {
                continue;
            }
            String key = f[0].toLowerCase(java.util.Locale.ROOT);
            if (key.equals("match")) {
                return; // Port is not allowed inside Match, and nothing after it is global
            }
            if (key.equals("port")) {
                try {
                    int p = Integer.parseInt(f[1].strip().split("\\s+")[0]);
                    if (p > 0 && p < 65536 && !ports.contains(p)) {
                        ports.add(p);
                        ev.add(Evidence.at(path, i + 1, l));
                    }
                } catch (NumberFormatException e) {
                    // sshd itself rejects such a line; the sshd checks report it
                }
            } else if (key.equals("include")) {
                for (String pat : f[1].strip().split("\\s+")) {
                    String full = pat.startsWith("/") ? pat : "/etc/ssh/" + pat;
                    for (String p : PathGlob.expand(host, full)) {
                        host.text(p).ifPresent(x -> read(host, p, x, ports, ev, depth + 1));
                    }
                }
            }
        }
    }
}
