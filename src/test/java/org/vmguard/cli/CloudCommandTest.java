package org.vmguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.cloud.CloudConfig;
import org.vmguard.cloud.FakeOpenStack;
import org.vmguard.cloud.RiskyProject;
import picocli.CommandLine;

class CloudCommandTest {

    @TempDir
    Path dir;

    FakeOpenStack fake;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        fake = new FakeOpenStack();
        fake.maxPage = 2;
        RiskyProject.populate(fake);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    Map<String, String> openrc() {
        Map<String, String> env = new HashMap<>();
        env.put("OS_AUTH_URL", fake.authUrl());
        env.put("OS_USERNAME", FakeOpenStack.USER);
        env.put("OS_PASSWORD", FakeOpenStack.PASSWORD);
        env.put("OS_PROJECT_NAME", FakeOpenStack.PROJECT);
        env.put("OS_USER_DOMAIN_NAME", "Default");
        env.put("OS_PROJECT_DOMAIN_NAME", "Default");
        env.put("OS_IDENTITY_API_VERSION", "3");
        return env;
    }

    int run(Map<String, String> env, String... args) {
        CloudConfig config = new CloudConfig(env, dir, dir.resolve("home"));
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == CloudAuditCommand.class) {
                    return cls.cast(new CloudAuditCommand(config));
                }
                if (cls == CloudQuarantineCommand.class) {
                    return cls.cast(new CloudQuarantineCommand(config));
                }
                if (cls == CloudReleaseCommand.class) {
                    return cls.cast(new CloudReleaseCommand(config));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
        CommandLine cl = Main.commandLine(factory);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    static Set<String> ids(JsonNode result) {
        Set<String> out = new HashSet<>();
        for (JsonNode e : result.path("evidence")) {
            String p = e.path("path").asText();
            out.add(p.substring(p.lastIndexOf('/') + 1));
        }
        return out;
    }

    @Test
    void theAuditOfAProjectWithEveryKindOfRiskyRuleGivesExactlyTheExpectedFindings() throws Exception {
        Path listeners = dir.resolve("listeners.json");
        Files.writeString(listeners, RiskyProject.LISTENERS);
        Path report = dir.resolve("report.json");
        int rc = run(openrc(), "cloud", "audit", "--format", "json", "--output", report.toString(),
                "--listeners", listeners.toString(), "--max-wait", "0.1");
        assertThat(rc).as(err.toString()).isEqualTo(ExitCode.FAILED);
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertThat(json.path("schema").asText()).isEqualTo("vmguard-report/1");
        assertThat(json.path("target").path("kind").asText()).isEqualTo("openstack");
        assertThat(json.path("target").path("name").asText()).contains("demo", "RegionOne", "RegionTwo");
        Map<String, Set<String>> failed = new HashMap<>();
        List<String> all = new ArrayList<>();
        for (JsonNode r : json.path("results")) {
            all.add(r.path("id").asText());
            if (r.path("status").asText().equals("fail")) {
                failed.put(r.path("id").asText(), ids(r));
            }
        }
        assertThat(all).containsExactly("cloud.port-security-off", "cloud.server-exposure", "cloud.sg-default-open",
                "cloud.sg-unused", "cloud.sg-world-any", "cloud.sg-world-mail-dns-ntp", "cloud.sg-world-risky",
                "cloud.sg-world-ssh");
        Map<String, Set<String>> expected = new HashMap<>(RiskyProject.FINDINGS);
        expected.put("cloud.server-exposure", RiskyProject.EXPOSURE);
        assertThat(failed).isEqualTo(expected);
        Map<String, List<String>> addresses = new HashMap<>();
        for (JsonNode a : json.path("publicAddresses")) {
            List<String> l = new ArrayList<>();
            a.path("addresses").forEach(x -> l.add(x.asText()));
            addresses.put(a.path("name").asText(), l);
        }
        assertThat(addresses).isEqualTo(RiskyProject.PUBLIC);
        // bulk: the number of calls depends on pages, not on servers; nothing per server
        assertThat(fake.requests()).noneMatch(l -> l.matches("GET /compute/.*/servers/(?!detail$)[^/]+$"));
        assertThat(fake.mutatingRequests()).isEmpty();
    }

    @Test
    void withoutHostResultsTheExposureCheckIsSkippedAndTheTextListsPublicAddresses() throws Exception {
        Path inventory = dir.resolve("inventory.yml");
        int rc = run(openrc(), "cloud", "audit", "--os-region", "RegionOne", "--no-color", "--emit-inventory", inventory.toString());
        assertThat(rc).as(err.toString()).isEqualTo(ExitCode.FAILED);
        String text = out.toString();
        assertThat(text).contains("skip", "cloud.server-exposure", "--listeners", "public addresses", "203.0.113.10");
        assertThat(text).doesNotContain("RegionTwo");
        String inv = Files.readString(inventory);
        assertThat(inv).contains("\"web1\":", "ansible_host: \"203.0.113.10\"", "\"db1\":");
        JsonNode parsed = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(inv);
        assertThat(parsed.path("all").path("children").path("openstack").path("hosts").size()).isEqualTo(3);
    }

    @Test
    void aWrongPasswordExitsTwoNamingWhereItCameFromAndNeverShowsIt() {
        Map<String, String> env = openrc();
        env.put("OS_PASSWORD", "wrong-Secret-123");
        assertThat(run(env, "cloud", "audit")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("OS_* environment variables", "refused the password login", "401");
        assertThat(err.toString() + out).doesNotContain("wrong-Secret-123");
    }

    @Test
    void missingCredentialsExitTwoSayingWhichAndWhere() {
        Map<String, String> env = openrc();
        env.remove("OS_PASSWORD");
        assertThat(run(env, "cloud", "audit")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("OS_* environment variables: missing OS_PASSWORD");
        assertThat(run(Map.of(), "cloud", "audit")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("no OpenStack credentials", "clouds.yaml");
        assertThat(run(Map.of("OS_CLOUD", "nectar"), "cloud", "audit")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("OS_CLOUD nectar: no clouds.yaml found");
    }

    @Test
    void anUnreachableCloudExitsThree() {
        Map<String, String> env = openrc();
        env.put("OS_AUTH_URL", "http://127.0.0.1:9/v3");
        assertThat(run(env, "cloud", "audit")).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(err.toString()).contains("cannot reach Keystone");
    }

    @Test
    void anUnreachableCloudIsDescribedInWordsNamingWhereItsAuthUrlCameFrom() {
        Map<String, String> env = openrc();
        env.put("OS_AUTH_URL", "http://127.0.0.1:9/v3");
        assertThat(run(env, "cloud", "quarantine", "web1", "--dry-run")).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(err.toString()).contains("connection refused").contains("OS_* environment variables")
                .contains("http://127.0.0.1:9/v3").doesNotContain("HTTP 0").doesNotContain("java.");
    }

    @Test
    void unusableListenersAndInventoryFilesAreRefusedBeforeAnyCallSayingWhy() {
        Path missing = dir.resolve("nope/hosts.json");
        assertThat(run(openrc(), "cloud", "audit", "--listeners", missing.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--listeners " + missing + ": no such file");
        err.getBuffer().setLength(0);
        Path inventory = dir.resolve("nope/public.yml");
        assertThat(run(openrc(), "cloud", "audit", "--emit-inventory", inventory.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--emit-inventory " + inventory + ": no such directory " + inventory.getParent());
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void anApplicationCredentialFromCloudsYamlWorks() throws Exception {
        Files.writeString(dir.resolve("clouds.yaml"), """
                clouds:
                  fake:
                    auth_type: v3applicationcredential
                    auth:
                      auth_url: %s
                      application_credential_id: %s
                    region_name: RegionTwo
                """.formatted(fake.authUrl(), FakeOpenStack.APP_CRED_ID));
        Files.writeString(dir.resolve("secure.yaml"), """
                clouds:
                  fake:
                    auth:
                      application_credential_secret: %s
                """.formatted(FakeOpenStack.APP_CRED_SECRET));
        int rc = run(Map.of(), "cloud", "audit", "--os-cloud", "fake", "--format", "json", "--fail-on", "none");
        assertThat(rc).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("\"name\" : \"demo (" + FakeOpenStack.PROJECT_ID + ") in RegionTwo\"")
                .doesNotContain(FakeOpenStack.APP_CRED_SECRET);
    }

    @Test
    void debugLogsEveryCallWithItsRequestIdAndNoSecret() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "cloud", "audit", "--debug", "--os-region", "RegionTwo", "--fail-on", "none", "--format", "json")
                .directory(dir.toFile()).redirectErrorStream(false);
        pb.environment().keySet().removeIf(k -> k.startsWith("OS_"));
        pb.environment().putAll(openrc());
        Process proc = pb.start();
        var stdout = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(proc.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        String log = new String(proc.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(proc.waitFor()).as(log).isEqualTo(0);
        assertThat(log).contains("POST " + fake.authUrl() + "/auth/tokens -> 201", "/servers/detail?limit=1000 -> 200",
                "request id req-", "microversion 2.96");
        assertThat(log + stdout.get()).doesNotContain(FakeOpenStack.PASSWORD).doesNotContain("gAAAAAB");
    }
}
