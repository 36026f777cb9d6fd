package org.vmguard.facts.sshd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vmguard.facts.FactException;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.target.ExecResult;

/**
 * The real sshd's own answer, {@code sshd -T -C …} for one representative connection (root,
 * from a documentation address, on sshd's first port), compared with ours. It runs only on a
 * live target with /usr/sbin/sshd, and needs root (sshd -T loads the host keys).
 *
 * @param notRun why it did not run, or null when it did
 * @param command the command as run
 * @param disagreements option → what we computed and what sshd printed
 */
public record SshdCrossCheck(String notRun, String command, Connection connection, Map<String, Disagreement> disagreements) {

    public static final FactKey<SshdCrossCheck> KEY = FactKey.of("sshd-cross-check", SshdCrossCheck::load);

    /** The options the ssh checks judge. */
    public static final List<String> OPTIONS = List.of("passwordauthentication", "kbdinteractiveauthentication",
            "permitemptypasswords", "permitrootlogin", "allowusers", "allowgroups", "port", "ciphers", "macs",
            "kexalgorithms", "hostkeyalgorithms", "pubkeyacceptedalgorithms", "x11forwarding", "maxauthtries",
            "strictmodes", "usepam", "hostkey");

    public record Disagreement(String option, List<String> ours, List<String> sshd) {

        public String describe() {
            return SshdKeyword.displayName(option) + ": we computed " + show(ours) + ", sshd -T printed " + show(sshd);
        }

        private static String show(List<String> v) {
            return v.isEmpty() ? "nothing" : String.join(" ", v);
        }
    }

    public boolean ran() {
        return notRun == null;
    }

    static SshdCrossCheck notRun(String why) {
        return new SshdCrossCheck(why, null, null, Map.of());
    }

    static SshdCrossCheck load(Host host) {
        if (!host.kind().live()) {
            return notRun("an offline image's sshd is never run");
        }
        if (!host.target().canExec()) {
            return notRun("the target cannot run commands");
        }
        Sshd sshd = host.fact(Sshd.KEY);
        if (!sshd.installed() || host.stat(Sshd.BINARY).isEmpty()) {
            return notRun(Sshd.BINARY + " is not installed");
        }
        SshdConfig cfg = sshd.config();
        Connection root = Sshd.rootConnection(host);
        String port = cfg.global("port").value();
        Connection c = new Connection("root", root.groups(), "vmguard-cross-check.invalid", "203.0.113.7",
                "192.0.2.1", Integer.parseInt(port.isEmpty() ? "22" : port), null);
        String[] argv = {Sshd.BINARY, "-T", "-f", cfg.path(), "-C", c.testSpec()};
        String command = String.join(" ", argv);
        Optional<ExecResult> r;
        try {
            r = host.exec(Duration.ofSeconds(15), argv);
        } catch (FactException e) {
            return notRun(e.getMessage());
        }
        if (r.isEmpty()) {
            return notRun("the target cannot run commands");
        }
        if (!r.get().ok()) {
            String err = r.get().stderr().strip();
            String first = err.isEmpty() ? "no message" : err.lines().findFirst().orElse("");
            return notRun(command + " exited " + r.get().exitCode() + ": " + first);
        }
        Map<String, List<String>> printed = parse(r.get().stdout());
        Map<String, Disagreement> out = new LinkedHashMap<>();
        for (String o : OPTIONS) {
            List<String> ours = cfg.effective(o, c).values();
            List<String> theirs = printed.getOrDefault(o, List.of());
            if (o.equals("hostkey") && theirs.isEmpty()) {
                continue; // -T leaves out host keys it could not load
            }
            if (!ours.equals(theirs)) {
                out.put(o, new Disagreement(o, ours, theirs));
            }
        }
        return new SshdCrossCheck(null, command, c, Map.copyOf(out));
    }

    /** sshd -T output, normalised: without-password is prohibit-password. */
    static Map<String, List<String>> parse(String stdout) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int sp = line.indexOf(' ');
            String k = sp < 0 ? line : line.substring(0, sp);
            String v = sp < 0 ? "" : line.substring(sp + 1);
            if (k.equals("permitrootlogin") && v.equals("without-password")) {
                v = "prohibit-password";
            }
            m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return m;
    }
}
