package org.vmguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Tree;

class MainTest {

    @TempDir
    Path dir;

    @Test
    void aWrongOptionExitsTwo() {
        assertThat(Main.run("audit", "--no-such-option")).isEqualTo(ExitCode.USAGE);
        assertThat(Main.run("audit", "--only", "no.such-check")).isEqualTo(ExitCode.USAGE);
        assertThat(Main.run("audit", "--fail-on", "sometimes")).isEqualTo(ExitCode.USAGE);
        assertThat(Main.run("audit", "--profile", "nope")).isEqualTo(ExitCode.USAGE);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"audit", "checks", "keys", "logs", "cloud", "cloud audit",
        "cloud quarantine", "cloud release", "fleet", "fleet scan", "fleet report"})
    void everyCommandShowsItsHelp(String command) {
        // a usage error ends with "(vmguard COMMAND --help shows the options)": that must work
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            String[] args = (command + " --help").split(" ");
            assertThat(Main.run(args)).isEqualTo(ExitCode.OK);
        } finally {
            System.setOut(old);
        }
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("Usage: vmguard " + command + " ");
    }

    @Test
    void aUsageErrorOfASubcommandPointsAtThatSubcommandsHelp() {
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(Main.run("cloud", "quarantine")).isEqualTo(ExitCode.USAGE);
            assertThat(Main.run("fleet", "report", "--no-such-option")).isEqualTo(ExitCode.USAGE);
        } finally {
            System.setErr(old);
        }
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("(vmguard cloud quarantine --help shows the options)")
                .contains("(vmguard fleet report --help shows the options)");
    }

    @Test
    void aMissingRootExitsThree() {
        assertThat(Main.run("audit", "--root", dir.resolve("missing").toString())).isEqualTo(ExitCode.UNREACHABLE);
    }

    @Test
    void aFailureAtOrAboveFailOnExitsOne() throws Exception {
        new Tree(dir).file("/etc/passwd", "root:x:0:0::/root:/bin/bash\nevil:x:0:0::/:/bin/sh\n");
        Path out = dir.resolve("report.json");
        int rc = Main.run("audit", "--root", dir.toString(), "--only", "account.uid0", "--format", "json",
                "--output", out.toString());
        assertThat(rc).isEqualTo(ExitCode.FAILED);
        JsonNode json = new ObjectMapper().readTree(Files.readString(out));
        assertThat(json.path("schema").asText()).isEqualTo("vmguard-report/1");
        assertThat(json.path("target").path("kind").asText()).isEqualTo("rootfs");
        assertThat(json.path("results").get(0).path("status").asText()).isEqualTo("fail");
        assertThat(json.path("results").get(0).path("evidence").get(0).path("line").asInt()).isEqualTo(2);
        assertThat(Main.run("audit", "--root", dir.toString(), "--only", "account.uid0", "--fail-on", "none",
                "--output", out.toString())).isEqualTo(ExitCode.OK);
    }

    @Test
    void outputToAFifoOrDeviceWritesIntoItInsteadOfReplacingIt() throws Exception {
        new Tree(dir).file("/etc/passwd", "root:x:0:0::/root:/bin/bash\n");
        Path fifo = dir.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        java.util.concurrent.CompletableFuture<String> reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Main.run("audit", "--root", dir.toString(), "--only", "account.uid0", "--output", fifo.toString());
        assertThat(reader.get(10, java.util.concurrent.TimeUnit.SECONDS)).contains("account.uid0");
        assertThat(Files.isRegularFile(fifo)).isFalse(); // a rename over it would have replaced it
    }

    @Test
    void aCheckThatCouldNotBeEvaluatedExitsFour() {
        new Tree(dir).dir("/etc");
        assertThat(Main.run("audit", "--root", dir.toString(), "--only", "account.uid0", "--output",
                dir.resolve("r.txt").toString())).isEqualTo(ExitCode.NOT_EVALUATED);
    }

    @Test
    void outputToADeviceWritesIntoItAndNeverReplacesIt() throws Exception {
        new Tree(dir).file("/etc/passwd", "root:x:0:0::/root:/bin/bash\n");
        Path devNull = Path.of("/dev/null");
        assertThat(Main.run("audit", "--root", dir.toString(), "--only", "account.uid0", "--output", "/dev/null"))
                .isEqualTo(ExitCode.OK);
        assertThat(Files.isRegularFile(devNull)).as("/dev/null is still a device").isFalse();
        assertThat(Files.exists(devNull)).isTrue();
    }

    /** Runs the command line and returns what it printed on standard error. */
    static String stderrOf(int[] rc, String... args) {
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            rc[0] = Main.run(args);
        } finally {
            System.setErr(old);
        }
        return err.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void anOutputInAMissingDirectorySaysSoInsteadOfNamingATemporaryFile() {
        new Tree(dir).file("/etc/passwd", "root:x:0:0::/root:/bin/bash\n");
        Path out = dir.resolve("no/such/dir/r.json");
        int[] rc = new int[1];
        String err = stderrOf(rc, "audit", "--root", dir.toString(), "--only", "account.uid0", "--output", out.toString());
        assertThat(rc[0]).isEqualTo(ExitCode.USAGE);
        assertThat(err).isEqualTo("vmguard: --output " + out + ": cannot write: " + out.getParent()
                + ": no such directory\n");
    }

    @Test
    void aWaiversFileThatIsNotTextOrMissingIsAUsageErrorSayingSo() throws Exception {
        new Tree(dir).file("/etc/passwd", "root:x:0:0::/root:/bin/bash\n")
                .bytes("/w.yaml", new byte[] {'-', ' ', 'i', 'd', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
        int[] rc = new int[1];
        String err = stderrOf(rc, "audit", "--root", dir.toString(), "--only", "account.uid0", "--waivers",
                dir.resolve("w.yaml").toString(), "--output", dir.resolve("r.txt").toString());
        assertThat(rc[0]).isEqualTo(ExitCode.USAGE);
        assertThat(err).isEqualTo("vmguard: --waivers " + dir.resolve("w.yaml") + ": not UTF-8 text\n");
        err = stderrOf(rc, "audit", "--root", dir.toString(), "--waivers", dir.resolve("none.yaml").toString());
        assertThat(err).isEqualTo("vmguard: --waivers " + dir.resolve("none.yaml") + ": no such file\n");
    }

    @Test
    void aRootThatIsNoRootFilesystemExitsThreeAndSaysWhyInsteadOfAuditingNothing() throws Exception {
        // an unmounted mount point: every check would pass or skip over an empty directory
        Path empty = Files.createDirectories(dir.resolve("mnt"));
        int[] rc = new int[1];
        String err = stderrOf(rc, "audit", "--root", empty.toString(), "--output", dir.resolve("r.txt").toString());
        assertThat(rc[0]).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(err).isEqualTo("vmguard: --root " + empty + ": not a root filesystem: it has neither /etc nor /usr"
                + " (is the image mounted?)\n");
        assertThat(dir.resolve("r.txt")).doesNotExist();

        Path file = Files.writeString(dir.resolve("image.raw"), "not a directory");
        err = stderrOf(rc, "audit", "--root", file.toString());
        assertThat(rc[0]).isEqualTo(ExitCode.UNREACHABLE);
        assertThat(err).isEqualTo("vmguard: --root " + file + ": not a directory\n");
    }

    @Test
    void anEmptyRootIsAUsageErrorNotAnAuditOfTheCurrentDirectory() {
        // --root "$MNT" with MNT unset
        int[] rc = new int[1];
        String err = stderrOf(rc, "audit", "--root", "");
        assertThat(rc[0]).isEqualTo(ExitCode.USAGE);
        assertThat(err).isEqualTo("vmguard: --root: an empty path (give the directory of the image's root)\n");
    }

    @Test
    void aSelectionThatLeavesNothingToRunIsAUsageErrorNotAPerfectScore() {
        new Tree(dir).file("/etc/passwd", "root:x:0:0::/root:/bin/bash\n");
        Path out = dir.resolve("r.txt");
        int[] rc = new int[1];
        // cloud.* judge an OpenStack project (vmguard cloud audit), not a host
        String err = stderrOf(rc, "audit", "--root", dir.toString(), "--only", "cloud", "--output", out.toString());
        assertThat(rc[0]).isEqualTo(ExitCode.USAGE);
        assertThat(err).isEqualTo("vmguard: nothing to run: --only/--skip leave no check of profile baseline that"
                + " audit runs on this target (vmguard checks lists them; cloud.* run under vmguard cloud audit, probe.* under vmguard probe)\n");
        assertThat(out).doesNotExist();
        assertThat(Main.run("audit", "--root", dir.toString(), "--only", "ssh", "--skip", "ssh")).isEqualTo(ExitCode.USAGE);
        // mail.no-server belongs to the pouta profile only
        assertThat(Main.run("audit", "--root", dir.toString(), "--only", "mail.no-server")).isEqualTo(ExitCode.USAGE);
        assertThat(Main.run("audit", "--root", dir.toString(), "--only", "mail.no-server", "--profile", "pouta",
                "--output", out.toString())).isEqualTo(ExitCode.OK);
    }

    /** Runs the command line and returns what it printed on standard output. */
    static String stdoutOf(int[] rc, String... args) {
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            rc[0] = Main.run(args);
        } finally {
            System.setOut(old);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void checksShowsOneCheckListsAnAreaAndRejectsAnUnknownId() {
        int[] rc = new int[1];
        assertThat(stdoutOf(rc, "checks", "ssh.root-login")).startsWith("ssh.root-login — ").contains("severity: high");
        assertThat(rc[0]).isEqualTo(ExitCode.OK);
        // --only and --skip take an area; so does checks
        String area = stdoutOf(rc, "checks", "ssh");
        assertThat(rc[0]).isEqualTo(ExitCode.OK);
        assertThat(area.lines()).hasSizeGreaterThan(5).allSatisfy(l -> assertThat(l).startsWith("ssh."));
        assertThat(stderrOf(rc, "checks", "ssh.nope")).isEqualTo(
                "vmguard: no check or area 'ssh.nope' in the catalogue (vmguard checks lists them)\n");
        assertThat(rc[0]).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aHugeLineQuotedFromTheTargetIsShortenedInTheReportNotCopiedWhole() throws Exception {
        // a hostile image's 10 MB lines made a 40 MB report; 200,000 characters stand in for them here
        String users = "a".repeat(200_000);
        new Tree(dir).file("/etc/passwd", "root:x:0:0::/root:/bin/bash\n").file("/usr/sbin/sshd", "")
                .file("/etc/ssh/sshd_config", "AllowUsers " + users + "\nPasswordAuthentication no\n");
        Path out = dir.resolve("r.json");
        Main.run("audit", "--root", dir.toString(), "--only", "ssh.allow-list", "--format", "json", "--output", out.toString());
        JsonNode r = new ObjectMapper().readTree(Files.readString(out)).path("results").get(0);
        assertThat(r.path("status").asText()).isEqualTo("pass");
        assertThat(r.path("reason").asText()).startsWith("logins are limited").hasSizeLessThan(8_300)
                .endsWith(" more characters)");
        assertThat(r.path("evidence").get(0).path("text").asText()).startsWith("AllowUsers aaa").hasSizeLessThan(4_200);
        assertThat(Files.size(out)).isLessThan(20_000);
    }
}
