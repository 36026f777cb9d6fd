package org.vmguard.checks.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Netns;
import org.vmguard.testing.PostfixInstance;
import org.vmguard.testing.Tools;

/**
 * mail.local-only end to end: a real postfix started with inet_interfaces = all, whose main.cf
 * is then changed to loopback-only and reloaded (a reload does not rebind: postfix needs a
 * restart for that). vmguard audits the namespace as its live host, with that main.cf mounted on
 * /etc/postfix: the live sockets decide, and the evidence shows both them and the config line.
 */
@Tag("slow")
class MailLocalOnlyLiveTest {

    @TempDir
    Path tmp;

    @Test
    void aPostfixStillListeningEverywhereFailsThoughItsMainCfNowSaysLoopbackOnly() throws Exception {
        Tools.require("/usr/sbin/postfix");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Netns ns = Netns.create("mail")) {
            PostfixInstance pf = PostfixInstance.configure(tmp.resolve("postfix"), "inet_interfaces = all",
                    "smtp inet n - n - - smtpd");
            pf.start(ns);
            awaitListening(ns, pf, "0.0.0.0:25 ");

            Path main = pf.conf().resolve("main.cf");
            Files.writeString(main, Files.readString(main).replace("inet_interfaces = all", "inet_interfaces = loopback-only"));
            Netns.Result reload = ns.exec("/usr/sbin/postfix", "-c", pf.conf().toString(), "reload");
            assertThat(reload.code()).as(reload.err()).isZero();
            Thread.sleep(1000); // let master act on the reload, whatever it does
            assertThat(ns.exec("ss", "-H", "-tlnp").out()).as("postfix still listens on every address")
                    .contains("0.0.0.0:25 ");

            JsonNode result = audit(ns, pf.conf());
            assertThat(result.path("status").asText()).as(result.toPrettyString()).isEqualTo("fail");
            assertThat(result.path("reason").asText()).contains("postfix listens on 0.0.0.0:25 (live)");
            List<JsonNode> evidence = new ArrayList<>();
            result.path("evidence").forEach(evidence::add);
            assertThat(evidence).as(result.toPrettyString())
                    .anySatisfy(e -> {
                        assertThat(e.path("path").asText()).isEqualTo("/proc/net/tcp");
                        assertThat(e.path("line").asInt()).isPositive();
                        assertThat(e.path("text").asText()).matches("tcp 0\\.0\\.0\\.0:25 \\(master pid \\d+\\)");
                    })
                    .anySatisfy(e -> {
                        assertThat(e.path("path").asText()).isEqualTo("/etc/postfix/main.cf");
                        assertThat(e.path("line").asInt()).isEqualTo(3);
                        assertThat(e.path("text").asText()).startsWith("configured: 127.0.0.1 port 25 — inet_interfaces = "
                                + "loopback-only — applies to /etc/postfix/master.cf:1 smtp inet n - n - - smtpd");
                    });
        }
    }

    static void awaitListening(Netns ns, PostfixInstance pf, String endpoint) throws Exception {
        String seen = "";
        for (int i = 0; i < 600 && !seen.contains(endpoint); i++) {
            Thread.sleep(100);
            seen = ns.exec("ss", "-H", "-tlnp").out();
        }
        assertThat(seen).as("postfix listens; its log: %s", pf.log()).contains(endpoint);
    }

    /**
     * `vmguard audit --only mail.local-only --format json` inside the namespace (so /proc/net is
     * its sockets) and a mount namespace of its own where {@code conf} is /etc/postfix.
     */
    static JsonNode audit(Netns ns, Path conf) throws Exception {
        Netns.Result r = ns.exec("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount --bind \"$0\" /etc/postfix && exec \"$@\"", conf.toString(),
                ProcessHandle.current().info().command().orElseThrow(), "-cp", System.getProperty("java.class.path"),
                "org.vmguard.cli.Main", "audit", "--only", "mail.local-only", "--format", "json");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(r.out());
        for (JsonNode res : report.path("results")) {
            if (res.path("id").asText().equals("mail.local-only")) {
                return res;
            }
        }
        throw new AssertionError("no mail.local-only in " + r.out());
    }
}
