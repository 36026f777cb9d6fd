package org.vmguard.facts.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Netns;
import org.vmguard.testing.PostfixInstance;
import org.vmguard.testing.Tools;

/**
 * Where our postfix reader says smtpd listens against where the real master binds: four
 * instances in a test namespace (loopback-only with IPv4 and IPv6, loopback-only with IPv4
 * only, all with host-part services, explicit addresses; per-service -o inet_interfaces, which
 * master ignores), compared with the
 * sockets `ss -tulpn` shows for each master.
 */
@Tag("slow")
class PostfixListenersLiveTest {

    static final String V4 = "10.212.0.1";
    static final String V6 = "fd00:212::1";
    static final Pattern SS = Pattern.compile("^tcp\\s+\\S+\\s+\\d+\\s+\\d+\\s+(\\S+):(\\d+)\\s+\\S+\\s+users:.*\"master\",pid=(\\d+),");

    @TempDir
    Path tmp;

    @Test
    void theReadersListenersAreTheSocketsMasterOpens() throws Exception {
        Tools.require("/usr/sbin/postfix");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Netns ns = Netns.create("pflisten")) {
            ns.addresses(V4 + "/24", V6 + "/64");
            List<PostfixInstance> instances = List.of(
                    PostfixInstance.configure(tmp.resolve("a"), "inet_interfaces = loopback-only",
                            "smtp inet n - n - - smtpd"),
                    PostfixInstance.configure(tmp.resolve("b"), "inet_interfaces = loopback-only\ninet_protocols = ipv4",
                            "2500 inet n - n - - smtpd"),
                    PostfixInstance.configure(tmp.resolve("c"), "inet_interfaces = all", """
                            2525 inet n - n - - smtpd
                            %s:submission inet n - n - - smtpd
                            [%s]:465 inet n - n - - smtpd
                            2626 inet n - n - - smtpd -o inet_interfaces=127.0.0.1""".formatted(V4, V6)),
                    PostfixInstance.configure(tmp.resolve("d"), "inet_interfaces = 127.0.0.1, [" + V6 + "]",
                            "2727 inet n - n - - smtpd -o inet_interfaces=all"));
            for (PostfixInstance pf : instances) {
                pf.start(ns);
            }
            List<Set<String>> want = instances.stream().map(PostfixListenersLiveTest::ours).toList();
            int total = want.stream().mapToInt(Set::size).sum();
            String ss = "";
            for (int i = 0; i < 600 && masterLines(ss) < total; i++) {
                Thread.sleep(100);
                ss = ns.exec("ss", "-H", "-tulpn").out();
            }
            for (int k = 0; k < instances.size(); k++) {
                PostfixInstance pf = instances.get(k);
                assertThat(bound(ss, pf.masterPid())).as("%s; its log: %s", pf.conf(), pf.log()).isEqualTo(want.get(k));
            }
        }
    }

    /** Our reader's listeners as endpoints; "*" is 0.0.0.0 and [::] since inet_protocols is all there. */
    static Set<String> ours(PostfixInstance pf) {
        try {
            PostfixMain main = PostfixMain.parse("main.cf", Files.readString(pf.conf().resolve("main.cf")));
            PostfixMaster master = PostfixMaster.parse("master.cf", Files.readString(pf.conf().resolve("master.cf")));
            Set<String> out = new TreeSet<>();
            for (Listener l : new Postfix(main, master, List.of(), List.of()).listeners()) {
                String a = l.address().replace("[", "").replace("]", "");
                if (a.equals("*")) {
                    out.add("0.0.0.0:" + l.port());
                    out.add("[::]:" + l.port());
                } else {
                    out.add((a.contains(":") ? "[" + a + "]" : a) + ":" + l.port());
                }
            }
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int masterLines(String ss) {
        return (int) ss.lines().filter(l -> SS.matcher(l.strip()).find()).count();
    }

    /** The endpoints ss shows held by this master. */
    static Set<String> bound(String ss, int pid) {
        Set<String> out = new TreeSet<>();
        for (String l : ss.split("\n")) {
            Matcher m = SS.matcher(l.strip());
            if (m.find() && Integer.parseInt(m.group(3)) == pid) {
                out.add(m.group(1).replace("*", "[::]") + ":" + m.group(2));
            }
        }
        return out;
    }
}
