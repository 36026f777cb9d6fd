package org.vmguard.facts.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.facts.Host;
import org.vmguard.target.LocalTarget;
import org.vmguard.testing.Netns;
import org.vmguard.testing.PostfixInstance;
import org.vmguard.testing.Tools;

/**
 * The /proc socket reader against `ss -tulpn` with the real servers a VM runs (sshd, two postfix
 * instances, unbound, apache2 with its workers, two redis) listening in a namespace this test
 * creates, on addresses it chooses: loopback, wildcard and the namespace's own veth addresses,
 * TCP and UDP, IPv4, IPv6, dual-stack and IPv4-mapped.
 */
@Tag("slow")
class SocketsDaemonsOracleTest {

    static final String V4 = "10.211.0.1";
    static final String V6 = "fd00:211::1";

    @TempDir
    Path tmp;

    /** What ss must show once everything listens: "protocol endpoint [programs]". */
    static final List<String> LISTENING = List.of(
            "tcp 0.0.0.0:22 [sshd]",
            "tcp [::1]:22 [sshd]",
            // postfix A: inet_interfaces = loopback-only
            "tcp 127.0.0.1:25 [master]",
            "tcp [::1]:25 [master]",
            // postfix B: inet_interfaces = all, and master.cf services with a host part
            "tcp 0.0.0.0:2525 [master]",
            "tcp [::]:2525 [master]",
            "tcp " + V4 + ":587 [master]",
            "tcp [" + V6 + "]:465 [master]",
            "tcp [::1]:2526 [master]",
            // unbound: every interface: line gives a UDP and a TCP socket
            "udp 127.0.0.1:53 [unbound]", "tcp 127.0.0.1:53 [unbound]",
            "udp [::1]:53 [unbound]", "tcp [::1]:53 [unbound]",
            "udp " + V4 + ":53 [unbound]", "tcp " + V4 + ":53 [unbound]",
            "udp [" + V6 + "]:53 [unbound]", "tcp [" + V6 + "]:53 [unbound]",
            "udp 0.0.0.0:5300 [unbound]", "tcp 0.0.0.0:5300 [unbound]",
            "udp [::]:5300 [unbound]", "tcp [::]:5300 [unbound]",
            // apache2: its parent and both workers hold every socket
            "tcp 127.0.0.1:8080 [apache2]",
            "tcp [::]:8443 [apache2]", // dual-stack: ss prints it as *:8443
            "tcp " + V4 + ":80 [apache2]",
            "tcp [::ffff:127.0.0.1]:8081 [apache2]",
            // redis A as Debian ships it, redis B on every address
            "tcp 127.0.0.1:6379 [redis-server]", "tcp [::1]:6379 [redis-server]",
            "tcp 0.0.0.0:6380 [redis-server]", "tcp [::]:6380 [redis-server]");

    static final Set<String> EXPOSED = Set.of(
            "tcp 0.0.0.0:22", "tcp 0.0.0.0:2525", "tcp [::]:2525", "tcp " + V4 + ":587", "tcp [" + V6 + "]:465",
            "udp " + V4 + ":53", "tcp " + V4 + ":53", "udp [" + V6 + "]:53", "tcp [" + V6 + "]:53",
            "udp 0.0.0.0:5300", "tcp 0.0.0.0:5300", "udp [::]:5300", "tcp [::]:5300",
            "tcp [::]:8443", "tcp " + V4 + ":80", "tcp 0.0.0.0:6380", "tcp [::]:6380");

    @Test
    void agreesWithSsOnRealServersInATestNamespace() throws Exception {
        Tools.require("/usr/sbin/sshd");
        Tools.require("/usr/sbin/postfix");
        Tools.require("/usr/sbin/unbound");
        Tools.require("/usr/sbin/apache2");
        Tools.require("/usr/bin/redis-server");
        Tools.require("/usr/bin/nc");
        // postfix's and apache's unprivileged processes must reach their directories in here
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Netns ns = Netns.create("srv")) {
            ns.addresses(V4 + "/24", V6 + "/64");
            Process first = sshd(ns);
            PostfixInstance.configure(tmp.resolve("postfix-a"), "inet_interfaces = loopback-only",
                    "smtp inet n - n - - smtpd").start(ns);
            PostfixInstance.configure(tmp.resolve("postfix-b"), "inet_interfaces = all", """
                    2525 inet n - n - - smtpd
                    %s:587 inet n - n - - smtpd
                    [%s]:465 inet n - n - - smtpd
                    [::1]:2526 inet n - n - - smtpd""".formatted(V4, V6)).start(ns);
            unbound(ns);
            apache(ns);
            ns.start(tmp.resolve("redis-a.log"), "/usr/bin/redis-server", "--bind", "127.0.0.1", "-::1", "--port", "6379",
                    "--save", "", "--appendonly", "no", "--dir", tmp.toString(), "--logfile", "", "--daemonize", "no");
            ns.start(tmp.resolve("redis-b.log"), "/usr/bin/redis-server", "--bind", "*", "-::*", "--port", "6380",
                    "--protected-mode", "no", "--save", "", "--appendonly", "no", "--dir", tmp.toString(), "--logfile", "",
                    "--daemonize", "no");

            // a loaded build machine can take many seconds to start all of them
            awaitSs(ns, LISTENING, "every server listens where it was told");
            // a client makes master start an smtpd, which then holds the service's sockets too
            Netns.Result smtp = ns.exec("sh", "-c", "printf 'QUIT\\r\\n' | nc -w 10 127.0.0.1 2525");
            assertThat(smtp.out()).as("postfix b answers: %s", smtp.err()).startsWith("220 ");
            List<String> withSmtpd = LISTENING.stream().map(l -> l.contains(":2525 ") ? l.replace("[master]",
                    "[master, smtpd]") : l).toList();
            awaitSs(ns, withSmtpd, "smtpd shares 2525 with master");

            // processes come and go (apache adjusts its workers): compare with an ss listing
            // that did not change while we read
            Sockets ours = null;
            List<String> before = List.of();
            List<String> after = List.of();
            for (int i = 0; i < 10 && (ours == null || !before.equals(after)); i++) {
                before = SocketsOracleTest.ssLines(ns.exec("ss", "-H", "-tulpn").out());
                ours = Sockets.read(new Host(new LocalTarget()), "/proc/" + first.pid() + "/net");
                after = SocketsOracleTest.ssLines(ns.exec("ss", "-H", "-tulpn").out());
            }
            assertThat(before).as("ss gave the same answer twice").isEqualTo(after);
            assertThat(SocketsOracleTest.lines(ours)).isEqualTo(before);
            assertThat(ours.exposed()).extracting(s -> s.protocol() + " " + s.endpoint())
                    .containsExactlyInAnyOrderElementsOf(EXPOSED);
            assertThat(before).filteredOn(l -> l.startsWith("tcp 127.0.0.1:8080 ")).singleElement().asString()
                    .matches(".*\\[apache2/\\d+, apache2/\\d+, apache2/\\d+]");
        }
    }

    /** Polls `ss` until its listing, without pids, is {@code want} (in any order). */
    static void awaitSs(Netns ns, List<String> want, String what) throws InterruptedException {
        List<String> sorted = want.stream().sorted().toList();
        List<String> seen = List.of();
        for (int i = 0; i < 600 && !sorted.equals(seen); i++) {
            Thread.sleep(100);
            seen = SocketsOracleTest.ssLines(ns.exec("ss", "-H", "-tulpn").out()).stream()
                    .map(SocketsDaemonsOracleTest::withoutPids).sorted().toList();
        }
        assertThat(seen).as(what).isEqualTo(sorted);
    }

    /** "tcp 0.0.0.0:80 [apache2/12, apache2/13]" → "tcp 0.0.0.0:80 [apache2]". */
    static String withoutPids(String line) {
        int b = line.lastIndexOf(" [");
        Set<String> names = new TreeSet<>();
        for (String p : line.substring(b + 2, line.length() - 1).split(", ")) {
            if (!p.isEmpty()) {
                names.add(p.substring(0, p.lastIndexOf('/')));
            }
        }
        return line.substring(0, b) + " " + names;
    }

    private Process sshd(Netns ns) throws Exception {
        Path key = tmp.resolve("hostkey");
        assertThat(Netns.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())).code()).isZero();
        Files.createDirectories(Path.of("/run/sshd"));
        return ns.start(tmp.resolve("sshd.log"), "/usr/sbin/sshd", "-D", "-e", "-f", "/dev/null", "-h", key.toString(),
                "-o", "ListenAddress=0.0.0.0:22", "-o", "ListenAddress=[::1]:22", "-o", "PidFile=none");
    }

    private void unbound(Netns ns) throws Exception {
        Path conf = tmp.resolve("unbound.conf");
        Files.writeString(conf, """
                server:
                  interface: 127.0.0.1@53
                  interface: ::1@53
                  interface: %s@53
                  interface: %s@53
                  interface: 0.0.0.0@5300
                  interface: ::0@5300
                  do-daemonize: no
                  chroot: ""
                  username: ""
                  directory: "%3$s"
                  pidfile: "%3$s/unbound.pid"
                  use-syslog: no
                  num-threads: 1
                  module-config: "iterator"
                remote-control:
                  control-enable: no
                """.formatted(V4, V6, tmp));
        ns.start(tmp.resolve("unbound.log"), "/usr/sbin/unbound", "-d", "-c", conf.toString());
    }

    /** The event MPM with exactly two workers, so ss shows three pids on every socket. */
    private void apache(Netns ns) throws Exception {
        Path conf = tmp.resolve("apache2.conf");
        Files.writeString(conf, """
                ServerRoot "%1$s"
                ServerName test.invalid
                LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
                LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
                User www-data
                Group www-data
                PidFile "%1$s/apache2.pid"
                ErrorLog "%1$s/apache2-error.log"
                DefaultRuntimeDir "%1$s"
                Mutex file:%1$s default
                DocumentRoot "%1$s"
                StartServers 2
                ServerLimit 2
                ThreadsPerChild 2
                MinSpareThreads 1
                MaxSpareThreads 4
                MaxRequestWorkers 4
                Listen 127.0.0.1:8080
                Listen [::]:8443
                Listen %2$s:80
                Listen [::ffff:127.0.0.1]:8081
                """.formatted(tmp, V4));
        ns.start(tmp.resolve("apache2.log"), "/usr/sbin/apache2", "-DFOREGROUND", "-f", conf.toString());
    }
}
