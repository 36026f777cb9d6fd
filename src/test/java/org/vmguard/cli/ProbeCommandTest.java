package org.vmguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.catalogue.Catalogue;
import org.vmguard.testing.Sshd;

/** vmguard probe end to end, against a real OpenSSH sshd on 127.0.0.1 (the only host it probes). */
class ProbeCommandTest {

    @TempDir
    Path dir;

    JsonNode result(JsonNode report, String id) {
        for (JsonNode r : report.path("results")) {
            if (r.path("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError("no result for " + id + " in " + report);
    }

    @Test
    @Tag("slow")
    void reportsTheRealSshdsPasswordLoginAndEveryProbeCheckOnce() throws Exception {
        Sshd.requireUsable();
        Path key = Sshd.keygen(dir.resolve("host_ed25519"));
        Files.writeString(dir.resolve("authorized_keys"), "");
        // the base config turns passwords off; a Match block turns them on for everyone, as cloud-init drop-ins do
        try (Sshd sshd = Sshd.start(dir.resolve("sshd"), null, List.of(key), dir.resolve("authorized_keys"),
                "Match all\n    PasswordAuthentication yes\n")) {
            Path out = dir.resolve("probe.json");
            int rc = Main.run("probe", "127.0.0.1", "--ssh-port", String.valueOf(sshd.port()), "--timeout", "2",
                    "--format", "json", "--output", out.toString());
            JsonNode report = new ObjectMapper().readTree(Files.readString(out));
            assertThat(report.path("schema").asText()).isEqualTo("vmguard-report/1");
            assertThat(report.path("target").path("kind").asText()).isEqualTo("network");
            assertThat(report.path("target").path("name").asText()).isEqualTo("127.0.0.1");
            List<String> ids = new ArrayList<>();
            report.path("results").forEach(r -> ids.add(r.path("id").asText()));
            assertThat(ids).isEqualTo(Catalogue.probeChecks().stream().map(c -> c.info().id()).toList());
            JsonNode password = result(report, "probe.ssh-password");
            assertThat(password.path("status").asText()).isEqualTo("fail");
            assertThat(password.path("reason").asText()).contains("password");
            assertThat(password.path("evidence")).isNotEmpty();
            JsonNode outdated = result(report, "probe.ssh-outdated");
            assertThat(outdated.path("status").asText()).isIn("pass", "fail");
            assertThat(outdated.path("reason").asText()).contains("OpenSSH_");
            assertThat(result(report, "probe.ssh-weak-crypto").path("status").asText()).isIn("pass", "fail");
            assertThat(rc).as("a high failure").isEqualTo(ExitCode.FAILED);
        }
    }

    @Test
    @Tag("slow")
    void passesWhenTheRealSshdOffersOnlyKeys() throws Exception {
        Sshd.requireUsable();
        Path key = Sshd.keygen(dir.resolve("host_ed25519"));
        Files.writeString(dir.resolve("authorized_keys"), "");
        try (Sshd sshd = Sshd.start(dir.resolve("sshd"), null, List.of(key), dir.resolve("authorized_keys"), "")) {
            Path out = dir.resolve("probe.json");
            Main.run("probe", "127.0.0.1", "--ssh-port", String.valueOf(sshd.port()), "--timeout", "2",
                    "--only", "probe.ssh-password", "--format", "json", "--output", out.toString());
            JsonNode password = result(new ObjectMapper().readTree(Files.readString(out)), "probe.ssh-password");
            assertThat(password.path("status").asText()).isEqualTo("pass");
            assertThat(password.path("reason").asText()).contains("publickey");
        }
    }

    @Test
    void aClosedSshPortSkipsTheSshChecksWithTheReason() throws Exception {
        int closed;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path out = dir.resolve("probe.json");
        Main.run("probe", "127.0.0.1", "--ssh-port", String.valueOf(closed), "--timeout", "1",
                "--only", "probe.ssh-password,probe.ssh-outdated", "--format", "json", "--output", out.toString());
        JsonNode report = new ObjectMapper().readTree(Files.readString(out));
        assertThat(result(report, "probe.ssh-password").path("status").asText()).isEqualTo("skip");
        assertThat(result(report, "probe.ssh-outdated").path("status").asText()).isEqualTo("skip");
        assertThat(result(report, "probe.ssh-password").path("reason").asText()).isNotBlank();
    }

    @Test
    void aWrongCommandLineIsAUsageError() {
        assertThat(Main.run("probe")).isEqualTo(ExitCode.USAGE);
        assertThat(Main.run("probe", "127.0.0.1", "--timeout", "0")).isEqualTo(ExitCode.USAGE);
        assertThat(Main.run("probe", "127.0.0.1", "--ssh-port", "70000")).isEqualTo(ExitCode.USAGE);
        assertThat(Main.run("probe", "127.0.0.1", "--only", "probe.no-such-check")).isEqualTo(ExitCode.USAGE);
        assertThat(Main.run("probe", "127.0.0.1", "--only", "ssh")).as("no probe check left to run").isEqualTo(ExitCode.USAGE);
        assertThat(Main.run("probe", "--inventory", dir.resolve("missing.ini").toString())).isEqualTo(ExitCode.USAGE);
    }
}
