package org.vmguard.facts.sshd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.Passwd;
import org.vmguard.target.RootfsTarget;
import org.vmguard.testing.Tools;

/**
 * Our evaluation against the real {@code sshd -T} on 200+ random configurations and several
 * connections each: the effective values must agree, and so must the refusals.
 */
@Tag("slow")
class SshdDifferentialTest {

    static final long SEED = 20261123L;
    static final int CONFIGS = 205;

    /** The options compared (what sshd -T prints for them, normalised). */
    static final List<String> COMPARED = List.of("passwordauthentication", "kbdinteractiveauthentication",
            "permitemptypasswords", "permitrootlogin", "x11forwarding", "pubkeyauthentication", "allowagentforwarding",
            "permittty", "allowtcpforwarding", "maxauthtries", "maxsessions", "x11displayoffset", "clientalivecountmax",
            "clientaliveinterval", "logingracetime", "loglevel", "banner", "allowusers", "allowgroups", "denyusers",
            "denygroups", "authorizedkeysfile", "gatewayports", "port", "strictmodes", "usepam", "ciphers", "macs",
            "kexalgorithms", "hostkeyalgorithms", "pubkeyacceptedalgorithms", "tcpkeepalive", "printmotd",
            "compression");

    static final List<Connection> CONNECTIONS = List.of(
            new Connection("alice", null, "h.example.com", "10.1.2.3", "10.0.0.1", 22, null),
            new Connection("root", null, "bad.example.com", "192.168.1.5", "127.0.0.1", 2222, "rd1"),
            new Connection("daemon", null, "H.EXAMPLE.com", "2001:db8::5", "fe80::1", 22, "foo"));

    @TempDir
    static Path tmp;

    static Path sshd;
    static Path hostKey;

    @BeforeAll
    static void realSshd() throws Exception {
        sshd = Tools.require("/usr/sbin/sshd");
        if (Tools.isRoot()) {
            Files.createDirectories(Path.of("/run/sshd")); // sshd -T insists on its privilege separation directory
        }
        hostKey = tmp.resolve("hostkey");
        org.vmguard.testing.Sshd.keygen(hostKey);
    }

    record Case(int n, Path main, Map<String, Map<String, List<String>>> ours, String ourError) {
    }

    @Test
    void agreesWithSshdOnRandomConfigurations() throws Exception {
        Random r = new Random(SEED);
        Host host = new Host(new RootfsTarget(Path.of("/")));
        Passwd passwd = host.fact(Passwd.KEY);
        EtcGroup groups = host.fact(EtcGroup.KEY);
        List<Connection> conns = CONNECTIONS.stream().map(c -> new Connection(c.user(),
                groups.groupsOf(c.user(), passwd).orElse(null), c.host(), c.addr(), c.laddr(), c.lport(), c.rdomain()))
                .toList();
        List<Case> cases = new ArrayList<>();
        int invalid = 0;
        int matchBlocks = 0;
        int fromMatch = 0;
        for (int n = 0; n < CONFIGS; n++) {
            Path dir = Files.createDirectories(tmp.resolve("c" + n));
            ConfigGenerator g = new ConfigGenerator(r, dir);
            Path main = g.write();
            if (r.nextInt(12) == 0) {
                List<String> lines = new ArrayList<>(Files.readAllLines(main));
                lines.add(r.nextInt(lines.size() + 1), g.invalidLine());
                Files.write(main, lines);
                invalid++;
            }
            String text = Files.readString(main);
            try (var files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    matchBlocks += (int) Files.readAllLines(f).stream()
                            .filter(l -> l.strip().toLowerCase().startsWith("match")).count();
                }
            }
            try {
                SshdConfig cfg = SshdConfig.parse(Sshd.source(host, null, null), main.toString(), text,
                        OpensshVersion.parse("OpenSSH_9.2", "test"));
                Map<String, Map<String, List<String>>> ours = new LinkedHashMap<>();
                for (Connection c : conns) {
                    Map<String, List<String>> m = new LinkedHashMap<>();
                    for (String o : COMPARED) {
                        Setting s = cfg.effective(o, c);
                        m.put(o, s.values());
                        fromMatch += s.via() != null ? 1 : 0;
                    }
                    ours.put(c.testSpec(), m);
                }
                cases.add(new Case(n, main, ours, null));
            } catch (ParseError e) {
                assertThat(e.path()).isNotBlank();
                cases.add(new Case(n, main, Map.of(), e.getMessage()));
            }
        }
        assertThat(matchBlocks).as("Match blocks generated").isGreaterThan(CONFIGS);

        List<String> disagreements = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (Case c : cases) {
                results.add(pool.submit(() -> compare(c, conns)));
            }
            for (Future<List<String>> f : results) {
                disagreements.addAll(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(invalid).as("configurations with an invalid line").isPositive();
        assertThat(cases.stream().filter(c -> c.ourError() == null).count()).as("configurations accepted")
                .isGreaterThanOrEqualTo(185);
        assertThat(fromMatch).as("values set by a Match block").isGreaterThan(500);
        assertThat(disagreements).as("disagreements with sshd -T").isEmpty();
    }

    private List<String> compare(Case c, List<Connection> conns) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (Connection conn : conns) {
            Run run = sshdT(c.main(), conn.testSpec());
            if (c.ourError() != null || run.exit() != 0) {
                if ((c.ourError() == null) != (run.exit() == 0)) {
                    out.add("config " + c.n() + " (" + c.main() + "): ours "
                            + (c.ourError() == null ? "accepted" : "refused: " + c.ourError()) + "; sshd exit "
                            + run.exit() + ": " + run.err().strip());
                }
                return out; // both refused: nothing more to compare
            }
            Map<String, List<String>> ours = c.ours().get(conn.testSpec());
            for (String o : COMPARED) {
                List<String> theirs = run.values().getOrDefault(o, List.of());
                if (!ours.get(o).equals(theirs)) {
                    out.add("config " + c.n() + " (" + c.main() + ") -C " + conn.testSpec() + ": " + o + " ours "
                            + ours.get(o) + " sshd " + theirs);
                }
            }
        }
        return out;
    }

    record Run(int exit, Map<String, List<String>> values, String err) {
    }

    static Run sshdT(Path config, String spec) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(sshd.toString(), "-T", "-f", config.toString(), "-h",
                hostKey.toString()));
        if (!spec.isEmpty()) {
            argv.add("-C");
            argv.add(spec);
        }
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(argv).redirectError(err.toFile()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        return new Run(exit, parseT(stdout), Files.readString(err));
    }

    /** sshd -T output: lowercase keys, one line per value of a multi-valued option. */
    static Map<String, List<String>> parseT(String stdout) {
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
            if (k.equals("loglevel") && v.equals("SILENT")) {
                v = "QUIET"; // Debian's sshd prints QUIET by another name
            }
            m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return m;
    }
}
