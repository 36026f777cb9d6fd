package org.vmguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vmguard.cloud.CloudConfig;
import org.vmguard.cloud.FakeOpenStack;
import org.vmguard.cloud.RiskyProject;
import picocli.CommandLine;

class CloudQuarantineCommandTest {

    static final String WEB = RiskyProject.WEB;

    @TempDir
    Path dir;

    FakeOpenStack fake;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        fake = new FakeOpenStack();
        fake.maxPage = 2;
        RiskyProject.populate(fake);
        fake.region("RegionOne").volume(WEB, "vol-web1-data");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    int run(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("OS_AUTH_URL", fake.authUrl());
        env.put("OS_USERNAME", FakeOpenStack.USER);
        env.put("OS_PASSWORD", FakeOpenStack.PASSWORD);
        env.put("OS_PROJECT_NAME", FakeOpenStack.PROJECT);
        env.put("OS_REGION_NAME", "RegionOne");
        CloudConfig config = new CloudConfig(env, dir, dir.resolve("home"));
        CommandLine cl = Main.commandLine(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == CloudQuarantineCommand.class) {
                    return cls.cast(new CloudQuarantineCommand(config));
                }
                if (cls == CloudReleaseCommand.class) {
                    return cls.cast(new CloudReleaseCommand(config));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        });
        out = new StringWriter();
        err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    int quarantine(String... extra) {
        String[] base = {"cloud", "quarantine", "web1", "--ticket", "INC-4711", "--yes", "--wait", "0.01", "--max-wait", "0.05"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return run(all);
    }

    JsonNode incident() throws Exception {
        return new ObjectMapper().readTree(Files.readString(dir.resolve("incident-" + WEB + ".json")));
    }

    /** The server ends stopped, locked, marked, isolated in a rule-less group, with one image and one volume snapshot. */
    void assertQuarantined() throws Exception {
        FakeOpenStack.Region r = fake.region("RegionOne");
        JsonNode s = r.serverJson(WEB);
        assertThat(s.path("status").asText()).isEqualTo("SHUTOFF");
        assertThat(s.path("locked").asBoolean()).isTrue();
        assertThat(s.path("locked_reason").asText()).contains("INC-4711");
        assertThat(s.path("metadata").path("security_ticket").asText()).isEqualTo("INC-4711");
        assertThat(s.path("metadata").has("vmguard_quarantined_at")).isTrue();
        assertThat(s.path("tags").toString()).contains("vmguard-quarantined");
        String qid = incident().path("quarantineGroupId").asText();
        JsonNode port = r.portJson("p-web1");
        assertThat(port.path("security_groups").toString()).isEqualTo("[\"" + qid + "\"]");
        assertThat(port.path("port_security_enabled").asBoolean()).isTrue();
        assertThat(r.groups().get(qid).path("security_group_rules")).isEmpty();
        assertThat(r.images()).hasSize(1);
        assertThat(r.images().values().iterator().next().path("status").asText()).isEqualTo("active");
        assertThat(r.snapshots()).hasSize(1);
        assertThat(r.snapshots().values().iterator().next().path("status").asText()).isEqualTo("available");
        assertThat(incident().path("done").toString())
                .isEqualTo("[\"record\",\"metadata\",\"isolate\",\"stop\",\"snapshot\",\"lock\"]");
        assertThat(incident().path("consoleLog").asText()).contains("Linux version");
        assertThat(incident().path("ports").get(0).path("security_groups").size()).isEqualTo(4);
        assertThat(incident().path("volumes").get(0).path("id").asText()).isEqualTo("vol-web1-data");
    }

    @Test
    void quarantineRunsItsStepsInTheOnlyOrderTheApiAllows() throws Exception {
        assertThat(quarantine()).as(err.toString()).isEqualTo(ExitCode.OK);
        assertQuarantined();
        String c = "/compute/RegionOne/v2.1/servers/" + WEB;
        List<String> sequence = fake.requests().stream().filter(l -> !l.startsWith("GET ") && !l.contains("/auth/tokens")).toList();
        assertThat(sequence).hasSize(11);
        assertThat(sequence.get(0)).isEqualTo("POST " + c + "/action os-getConsoleOutput");
        assertThat(sequence.get(1)).isEqualTo("POST " + c + "/metadata");
        assertThat(sequence.get(2)).isEqualTo("PUT " + c + "/tags/vmguard-quarantined");
        assertThat(sequence.get(3)).isEqualTo("POST /network/RegionOne/v2.0/security-groups");
        assertThat(sequence.get(4)).startsWith("DELETE /network/RegionOne/v2.0/security-group-rules/");
        assertThat(sequence.get(5)).startsWith("DELETE /network/RegionOne/v2.0/security-group-rules/");
        assertThat(sequence.get(6)).isEqualTo("PUT /network/RegionOne/v2.0/ports/p-web1");
        assertThat(sequence.get(7)).isEqualTo("POST " + c + "/action os-stop");
        assertThat(sequence.get(8)).isEqualTo("POST " + c + "/action createImage");
        assertThat(sequence.get(9)).isEqualTo("POST /volume/RegionOne/v3/" + FakeOpenStack.PROJECT_ID + "/snapshots");
        assertThat(sequence.get(10)).isEqualTo("POST " + c + "/action lock");
        // a second run finds everything done and changes nothing
        fake.clearLog();
        assertThat(quarantine("--resume")).isEqualTo(ExitCode.OK);
        assertThat(fake.mutatingRequests()).isEmpty();
    }

    @ParameterizedTest(name = "a failure in step {0} is survived with --resume")
    @CsvSource({
        "record,   'GET .*/os-volume_attachments',          500",
        "metadata, 'POST .*/metadata',                      409",
        "isolate,  'PUT /network/.*/ports/p-web1',          500",
        "stop,     'POST .*/action os-stop',                409",
        "snapshot, 'POST /volume/.*/snapshots',             500",
        "snapshot, 'POST .*/action createImage',            413",
        "lock,     'POST .*/action lock',                   409"})
    void aFailureAtEachStepIsResumed(String step, String request, int status) throws Exception {
        fake.fail(request, 1, status, Map.of());
        assertThat(quarantine()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(err.toString()).contains("step " + step, "--resume", "HTTP " + status);
        assertThat(incident().path("done").toString()).doesNotContain("\"" + step + "\"");
        // without --resume the existing record is not overwritten
        assertThat(quarantine()).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--resume");
        assertThat(quarantine("--resume")).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("resuming");
        assertQuarantined();
        // every creating request happened once, whatever failed in between
        List<String> all = fake.requests();
        assertThat(all.stream().filter(l -> l.endsWith("createImage")).count()).isLessThanOrEqualTo(step.equals("snapshot") && status == 413 ? 2 : 1);
        assertThat(all.stream().filter(l -> l.equals("POST /network/RegionOne/v2.0/security-groups")).count()).isEqualTo(1);
        assertThat(all.stream().filter(l -> l.endsWith("/snapshots") && l.startsWith("POST")).count())
                .isEqualTo(step.equals("snapshot") && status == 500 ? 2 : 1);
    }

    @Test
    void aDryRunShowsThePlanAndSendsNoMutatingRequest() {
        assertThat(run("cloud", "quarantine", "web1", "--dry-run")).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("dry run", "1. record", "6. lock", "p-web1", "vol-web1-data", "image-backed");
        assertThat(fake.requests()).allMatch(l -> l.startsWith("GET ") || l.contains("/auth/tokens"));
        assertThat(Files.exists(dir.resolve("incident-" + WEB + ".json"))).isFalse();
    }

    @Test
    void nothingStartsWithoutYesWhenThereIsNoTerminal() {
        assertThat(run("cloud", "quarantine", WEB)).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("without --yes");
        assertThat(fake.mutatingRequests()).isEmpty();
    }

    @Test
    void aServerWhoseNameHoldsRegexCharactersIsFoundByItsName() {
        // Nova's name filter is a regular expression: "web.1 (old)" as a pattern does not match itself
        fake.region("RegionOne").server("srv-old", "web.1 (old)", false);
        fake.region("RegionOne").server("srv-other", "web-1 old", false);
        assertThat(run("cloud", "quarantine", "web.1 (old)", "--dry-run")).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("srv-old").doesNotContain("srv-other");
    }

    @Test
    void anUnknownServerExitsTwo() {
        assertThat(run("cloud", "quarantine", "nosuch", "--yes")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("no server with id or name 'nosuch'");
    }

    @Test
    void aLockedServerRefusesMetadataAndStopSoTheLockComesLast() throws Exception {
        fake.region("RegionOne").serverJson(WEB);
        ((com.fasterxml.jackson.databind.node.ObjectNode) fake.region("RegionOne").serverJson(WEB)).put("locked", true);
        assertThat(quarantine()).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(err.toString()).contains("step metadata", "HTTP 409", "is locked");
    }

    @Test
    void releaseUndoesTheIsolationAndTheLockAndSaysWhatStays() throws Exception {
        assertThat(quarantine()).isEqualTo(ExitCode.OK);
        String qid = incident().path("quarantineGroupId").asText();
        assertThat(run("cloud", "release", "web1", "--yes")).as(err.toString()).isEqualTo(ExitCode.OK);
        FakeOpenStack.Region r = fake.region("RegionOne");
        assertThat(r.serverJson(WEB).path("locked").asBoolean()).isFalse();
        assertThat(r.portJson("p-web1").path("security_groups").toString())
                .isEqualTo("[\"g-default\",\"g-ssh\",\"g-mail\",\"g-web\"]");
        assertThat(r.groups()).doesNotContainKey(qid);
        assertThat(out.toString()).contains("not undone", "SHUTOFF", "snapshots stay");
        assertThat(incident().has("releasedAt")).isTrue();
    }

    @Test
    void aSecondReleaseDoesNotClaimToDeleteTheGroupAgain() throws Exception {
        assertThat(quarantine()).isEqualTo(ExitCode.OK);
        String qid = incident().path("quarantineGroupId").asText();
        assertThat(run("cloud", "release", "web1", "--yes")).isEqualTo(ExitCode.OK);
        assertThat(run("cloud", "release", "web1", "--yes")).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).doesNotContain("deleted the quarantine group").doesNotContain("unlocked")
                .contains("quarantine group " + qid + " was already deleted");
    }

    @Test
    void releaseRestoresPortSecurityOffWhereItWasOff() throws Exception {
        assertThat(run("cloud", "quarantine", "open1", "--yes", "--wait", "0.01")).as(err.toString()).isEqualTo(ExitCode.OK);
        FakeOpenStack.Region r = fake.region("RegionOne");
        assertThat(r.portJson("p-open1").path("port_security_enabled").asBoolean()).isTrue();
        assertThat(run("cloud", "release", "open1", "--yes")).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(r.portJson("p-open1").path("port_security_enabled").asBoolean()).isFalse();
        assertThat(r.portJson("p-open1").path("security_groups")).isEmpty();
    }

    @Test
    void aVolumeBackedServersImageSnapshotCoversItsVolumes() throws Exception {
        fake.region("RegionOne").volume(RiskyProject.APP, "vol-app1-root");
        assertThat(run("cloud", "quarantine", "app1", "--yes", "--wait", "0.01")).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(fake.requests()).anyMatch(l -> l.endsWith("createImage"))
                .noneMatch(l -> l.startsWith("POST /volume/"));
        assertThat(fake.region("RegionOne").serverJson(RiskyProject.APP).path("locked").asBoolean()).isTrue();
    }

    @Test
    void releaseWithoutAnIncidentFileExitsTwo() {
        assertThat(run("cloud", "release", "web1", "--yes")).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("no incident file");
    }
}
