package org.vmguard.facts.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.facts.Host;
import org.vmguard.target.LocalTarget;
import org.vmguard.testing.Netns;
import org.vmguard.testing.Tools;

/**
 * The /proc socket reader against `ss -tulpn`: real daemons (sshd, socat, nc) listen on chosen
 * loopback and wildcard addresses, TCP and UDP, IPv4 and IPv6, inside a namespace this test
 * creates; our reader reads that namespace through /proc/PID/net of a process inside it.
 */
class SocketsOracleTest {

    @TempDir
    Path tmp;

    @Test
    void agreesWithSsInsideATestNamespace() throws Exception {
        Tools.require("/usr/bin/socat");
        Tools.require("/usr/sbin/sshd");
        try (Netns ns = Netns.create("sock")) {
            Path key = tmp.resolve("hostkey");
            assertThat(Netns.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())).code()).isZero();
            Files.createDirectories(Path.of("/run/sshd"));
            Process sshd = ns.start(tmp.resolve("sshd.log"), "/usr/sbin/sshd", "-D", "-e", "-f", "/dev/null", "-h", key.toString(),
                    "-o", "ListenAddress=0.0.0.0:2022", "-o", "ListenAddress=127.0.0.1:2023", "-o", "PidFile=none");
            ns.start(tmp.resolve("s1.log"), "socat", "-u", "TCP4-LISTEN:8081,bind=127.0.0.1,fork,reuseaddr", "OPEN:/dev/null");
            ns.start(tmp.resolve("s2.log"), "socat", "-u", "TCP6-LISTEN:8083,ipv6only=1,fork,reuseaddr", "OPEN:/dev/null");
            ns.start(tmp.resolve("s3.log"), "socat", "-u", "UDP4-RECV:5353", "OPEN:/dev/null");
            ns.start(tmp.resolve("s4.log"), "socat", "-u", "UDP6-RECV:5354,bind=[::1]", "OPEN:/dev/null");
            ns.start(tmp.resolve("nc.log"), "nc", "-l", "127.0.0.1", "8084");
            Set<String> theirs = Set.of();
            // a loaded build machine can take seconds to start sshd
            for (int i = 0; i < 300 && theirs.size() < 7; i++) {
                Thread.sleep(100);
                theirs = ss(ns.exec("ss", "-H", "-tulpn").out());
            }
            assertThat(theirs).as("ss sees every test daemon; sshd said: %s",
                    Files.readString(tmp.resolve("sshd.log"))).hasSize(7);

            Sockets ours = Sockets.read(new Host(new LocalTarget()), "/proc/" + sshd.pid() + "/net");
            Set<String> mine = new TreeSet<>();
            for (Sockets.Socket s : ours.all()) {
                mine.add(s.protocol() + " " + s.endpoint() + " " + new TreeSet<>(s.processes().stream()
                        .map(p -> p.comm() + "/" + p.pid()).toList()));
            }
            assertThat(mine).isEqualTo(theirs);
            assertThat(ours.exposed()).extracting(Sockets.Socket::endpoint)
                    .containsExactlyInAnyOrder("0.0.0.0:2022", "[::]:8083", "0.0.0.0:5353");
        }
    }

    @Test
    void findsATestListenerOnThisMachineLikeSs() throws Exception {
        Tools.require("/usr/bin/socat");
        int port;
        try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // free now; socat binds it a moment later
        }
        Process p = new ProcessBuilder("socat", "-u", "TCP4-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr", "OPEN:/dev/null")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("socat.log").toFile()).start();
        try {
            String want = "tcp 127.0.0.1:" + port + " [socat/" + p.pid() + "]";
            Set<String> before = Set.of();
            for (int i = 0; i < 100 && !before.contains(want); i++) {
                Thread.sleep(50);
                before = ss(Netns.run(List.of("ss", "-H", "-tulpn")).out());
            }
            assertThat(before).contains(want);
            Sockets ours = Sockets.read(new Host(new LocalTarget()), "/proc/net");
            Set<String> after = ss(Netns.run(List.of("ss", "-H", "-tulpn")).out());
            Set<String> mine = new TreeSet<>();
            for (Sockets.Socket s : ours.all()) {
                if (s.protocol().equals("tcp")) {
                    mine.add(s.protocol() + " " + s.endpoint() + " " + new TreeSet<>(s.processes().stream()
                            .map(x -> x.comm() + "/" + x.pid()).toList()));
                }
            }
            assertThat(mine).contains(want);
            // other engineers' daemons come and go: what ss saw both before and after, we see too
            Set<String> stable = new TreeSet<>(before);
            stable.retainAll(after);
            stable.removeIf(x -> !x.startsWith("tcp "));
            assertThat(mine).containsAll(stable);
        } finally {
            p.destroyForcibly();
        }
    }

    static final Pattern LINE = Pattern.compile("^(tcp|udp)\\s+\\S+\\s+\\d+\\s+\\d+\\s+(\\S+):(\\d+)\\s+\\S+\\s*(.*)$");
    static final Pattern USER = Pattern.compile("\\(\"([^\"]+)\",pid=(\\d+),fd=\\d+\\)");

    /** "tcp 0.0.0.0:22 [sshd/812]" per line of `ss -H -tulpn`. */
    static Set<String> ss(String out) {
        return new TreeSet<>(ssLines(out));
    }

    /**
     * Every line of `ss -H -tulpn` as "tcp 0.0.0.0:22 [sshd/812]", sorted, duplicates kept. ss
     * prints an IPv6 wildcard socket that also accepts IPv4 as "*"; /proc/net cannot tell it
     * from an IPv6-only one, and our reader names both "[::]".
     */
    static List<String> ssLines(String out) {
        List<String> s = new ArrayList<>();
        for (String l : out.split("\n")) {
            Matcher m = LINE.matcher(l.strip());
            if (!m.matches()) {
                continue;
            }
            String addr = m.group(2).replace("%lo", "");
            if (addr.equals("*")) {
                addr = "[::]";
            }
            List<String> users = new ArrayList<>();
            Matcher u = USER.matcher(m.group(4));
            while (u.find()) {
                users.add(u.group(1) + "/" + u.group(2));
            }
            s.add(m.group(1) + " " + addr + ":" + m.group(3) + " " + new TreeSet<>(users));
        }
        return s.stream().sorted().toList();
    }

    /** Our reader's sockets in the same form, sorted. */
    static List<String> lines(Sockets sockets) {
        return sockets.all().stream().map(s -> s.protocol() + " " + s.endpoint() + " " + new TreeSet<>(s.processes()
                .stream().map(p -> p.comm() + "/" + p.pid()).toList())).sorted().toList();
    }
}
