package org.vmguard.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.catalogue.Catalogue;
import org.vmguard.cli.ExitCode;
import org.vmguard.cli.Main;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.TargetKind;
import org.vmguard.testing.Sshd;
import org.vmguard.testing.Tree;

/**
 * One fleet run against real OpenSSH servers, each chrooted into a different fixture, plus hosts
 * that fail in every way the issue names: refused, silent, changed key, killed mid-audit.
 */
@Tag("slow")
class RemoteFleetTest {

    @TempDir
    static Path work;

    static Path base;
    static Path userKey;
    static Path knownHosts;
    static final Map<String, Sshd> servers = new HashMap<>();
    static final Map<String, Path> roots = new HashMap<>();
    static ServerSocket silent;
    static int refusedPort;

    @BeforeAll
    static void start() throws Exception {
        Sshd.requireUsable();
        base = Sshd.chrootBase();
        userKey = Sshd.keygen(work.resolve("id_ed25519"));
        Files.copy(Path.of(userKey + ".pub"), work.resolve("authorized_keys"));
        Path sharedUserKey = Sshd.keygen(work.resolve("copied_key"));
        Path keyA = Sshd.keygen(work.resolve("host_a"));
        Path keyB = Sshd.keygen(work.resolve("host_b"));
        Path keyChanged = Sshd.keygen(work.resolve("host_changed"));
        Path keyExpected = Sshd.keygen(work.resolve("host_expected"));
        Path keyD = Sshd.keygen(work.resolve("host_d"));

        roots.put("a", fixture("a", "root:x:0:0:root:/root:/bin/bash\n", sharedUserKey));
        roots.put("b", fixture("b", "root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/sh\n", null));
        roots.put("c", fixture("c", "root:x:0:0:root:/root:/bin/bash\nbob:x:1000:1000::/home/bob:/bin/bash\n", sharedUserKey));
        roots.put("d", fixture("d", "root:x:0:0:root:/root:/bin/bash\n", null));
        // d answers slowly, so its sshd can be killed while the audit reads from it
        Path head = roots.get("d").resolve("usr/bin/head");
        Files.delete(head);
        Files.createLink(roots.get("d").resolve("usr/bin/head.real"), Path.of("/usr/bin/head"));
        Files.writeString(head, "#!/bin/sh\nsleep 2\nexec /usr/bin/head.real \"$@\"\n");
        head.toFile().setExecutable(true);
        roots.put("changed", fixture("changed", "root:x:0:0:root:/root:/bin/bash\n", null));

        StringBuilder kh = new StringBuilder();
        servers.put("a", start("a", keyA));
        servers.put("b", start("b", keyB));
        servers.put("c", start("c", keyA)); // cloned from a's image, keys included
        servers.put("d", start("d", keyD));
        servers.put("changed", start("changed", keyChanged));
        for (String h : List.of("a", "b", "c", "d")) {
            kh.append(Sshd.knownHostsLine(servers.get(h).port(), h.equals("c") ? keyA : work.resolve("host_" + h)));
        }
        kh.append(Sshd.knownHostsLine(servers.get("changed").port(), keyExpected));
        knownHosts = work.resolve("known_hosts");
        Files.writeString(knownHosts, kh);

        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            List<Socket> held = new ArrayList<>();
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept()); // accepts, never speaks
                } catch (IOException e) {
                    return;
                }
            }
        });
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            refusedPort = s.getLocalPort();
        }
    }

    static Path fixture(String name, String passwd, Path privateKey) throws IOException {
        Path root = base.resolve(name);
        Tree t = new Tree(root).file("/etc/passwd", passwd)
                .file("/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"fixture " + name + "\"\n")
                .file("/etc/shadow", "root:*:19000:0:99999:7:::\n").mode("/etc/shadow", "rw-r-----");
        if (privateKey != null) {
            t.bytes("/root/.ssh/id_ed25519", Files.readAllBytes(privateKey)).mode("/root/.ssh/id_ed25519", "rw-------");
        }
        Sshd.installTools(root);
        return root;
    }

    static Sshd start(String name, Path hostKey) {
        // d reads through commands (its head is slow), the others over SFTP
        return Sshd.start(work.resolve("sshd-" + name), roots.get(name), List.of(hostKey), work.resolve("authorized_keys"),
                name.equals("d") ? "#no-sftp\n" : "");
    }

    @AfterAll
    static void stop() throws IOException {
        servers.values().forEach(Sshd::close);
        if (silent != null) {
            silent.close();
        }
    }

    static String host(String name) {
        return "root@127.0.0.1:" + servers.get(name).port();
    }

    @Test
    void aFleetRunAuditsTheReachableHostsAndNamesEveryUnreachableOneWithItsReason() throws Exception {
        Path inv = work.resolve("inventory.ini");
        Files.writeString(inv, """
                [web]
                a ansible_host=127.0.0.1 ansible_port=%d
                b ansible_host=127.0.0.1 ansible_port=%d
                [clones]
                c ansible_host=127.0.0.1 ansible_port=%d
                [broken]
                refused ansible_host=127.0.0.1 ansible_port=%d
                silent ansible_host=127.0.0.1 ansible_port=%d
                changed ansible_host=127.0.0.1 ansible_port=%d
                dropped ansible_host=127.0.0.1 ansible_port=%d
                [all:vars]
                ansible_user=root
                """.formatted(servers.get("a").port(), servers.get("b").port(), servers.get("c").port(), refusedPort,
                silent.getLocalPort(), servers.get("changed").port(), servers.get("d").port()));
        Path out = work.resolve("fleet.json");
        Sshd d = servers.get("d");
        Thread killer = Thread.ofVirtual().start(() -> {
            try {
                Path log = d.dir().resolve("sshd.log");
                for (int i = 0; i < 200; i++) {
                    if (Files.exists(log) && Files.readString(log).contains("Accepted publickey")) {
                        break;
                    }
                    Thread.sleep(25);
                }
                Thread.sleep(500);
                d.kill();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        int rc = Main.run("audit", "--inventory", inv.toString(), "--identity", userKey.toString(),
                "--known-hosts", knownHosts.toString(), "--timeout", "4", "--format", "json", "--output", out.toString());
        killer.join();
        assertThat(rc).isEqualTo(ExitCode.UNREACHABLE);
        JsonNode json = new ObjectMapper().readTree(Files.readString(out));
        assertThat(json.path("schema").asText()).isEqualTo("vmguard-fleet/1");
        Map<String, String> unreachable = new HashMap<>();
        json.path("unreachable").forEach(u -> unreachable.put(u.path("target").asText(), u.path("reason").asText()));
        assertThat(unreachable).containsOnlyKeys("refused", "silent", "changed", "dropped");
        assertThat(unreachable.get("refused")).contains("connection refused");
        assertThat(unreachable.get("silent")).contains("no SSH handshake within 4 s");
        assertThat(unreachable.get("changed")).contains("REMOTE HOST IDENTIFICATION HAS CHANGED");
        assertThat(unreachable.get("dropped")).contains("lost during the audit");
        List<String> names = new ArrayList<>();
        json.path("reports").forEach(r -> names.add(r.path("target").path("name").asText()));
        assertThat(names).containsExactly("a", "b", "c");

        Map<String, JsonNode> fleet = new HashMap<>();
        json.path("fleet").path("results").forEach(r -> fleet.put(r.path("id").asText(), r));
        assertThat(fleet.get("fleet.cloned-host-keys").path("status").asText()).isEqualTo("fail");
        assertThat(fleet.get("fleet.cloned-host-keys").path("evidence").get(0).path("text").asText()).contains("a, c");
        assertThat(fleet.get("fleet.shared-private-key").path("status").asText()).isEqualTo("fail");
        assertThat(fleet.get("fleet.shared-private-key").path("evidence").get(0).path("text").asText())
                .contains("a:/root/.ssh/id_ed25519", "c:/root/.ssh/id_ed25519");

        for (JsonNode report : json.path("reports")) {
            String name = report.path("target").path("name").asText();
            assertThat(report.path("target").path("kind").asText()).isEqualTo("ssh");
            assertSameResults(report, rootAudit(roots.get(name)));
        }
    }

    @Test
    void oneHostGivesOneReportEqualToTheRootAuditOfItsFilesystem() throws Exception {
        Path out = work.resolve("b.json");
        int rc = Main.run("audit", "--host", host("b"), "--identity", userKey.toString(), "--known-hosts",
                knownHosts.toString(), "--format", "json", "--output", out.toString());
        JsonNode remote = new ObjectMapper().readTree(Files.readString(out));
        assertThat(remote.path("schema").asText()).isEqualTo("vmguard-report/1");
        assertThat(rc).isEqualTo(ExitCode.FAILED); // toor has UID 0
        assertSameResults(remote, rootAudit(roots.get("b")));
    }

    @Test
    void anUnreachableSingleHostExitsThreeWithTheReason() {
        assertThat(Main.run("audit", "--host", "root@127.0.0.1:" + refusedPort, "--identity", userKey.toString(),
                "--known-hosts", knownHosts.toString())).isEqualTo(ExitCode.UNREACHABLE);
    }

    static JsonNode rootAudit(Path root) throws IOException {
        Path out = Files.createTempFile(work, "root", ".json");
        Main.run("audit", "--root", root.toString(), "--format", "json", "--output", out.toString());
        return new ObjectMapper().readTree(Files.readString(out));
    }

    /**
     * Differ by design: advice that lists what a running host really listens on, and the image
     * checks, which judge offline images and only report info on a running host.
     */
    static final java.util.List<String> LIVE_DIFFERS = java.util.List.of("advice.service-guides", "image.");

    /** Checks that also read live state (the loaded firewall ruleset, listening sockets) when there is one. */
    static final java.util.List<String> LIVE_AWARE = java.util.List.of("firewall.", "service.", "mail.local-only", "db.exposed");

    /** Check by check, for every check that judges both kinds of target; only target and timing differ. */
    static void assertSameResults(JsonNode remote, JsonNode root) {
        Map<String, JsonNode> byId = new HashMap<>();
        root.path("results").forEach(r -> byId.put(r.path("id").asText(), r));
        int compared = 0;
        for (JsonNode r : remote.path("results")) {
            String id = r.path("id").asText();
            CheckInfo info = Catalogue.find(id).orElseThrow();
            if (!info.targets().contains(TargetKind.ROOTFS)) {
                continue; // a live-only check is skipped on an image by design
            }
            if (LIVE_DIFFERS.stream().anyMatch(id::startsWith)) {
                continue;
            }
            if (LIVE_AWARE.stream().anyMatch(id::startsWith)) {
                // the verdict must agree; the evidence adds what only a running host shows
                assertThat(r.path("status")).as(id).isEqualTo(byId.get(id).path("status"));
                compared++;
                continue;
            }
            assertThat(r).as(id).isEqualTo(byId.get(id));
            compared++;
        }
        assertThat(compared).isPositive();
        assertThat(strip(remote.path("summary"))).isNotNull();
        assertThat(remote.path("profile")).isEqualTo(root.path("profile"));
        assertThat(remote.path("target").path("os")).isEqualTo(root.path("target").path("os"));
    }

    static JsonNode strip(JsonNode n) {
        return n.isObject() ? ((ObjectNode) n.deepCopy()) : n;
    }
}
