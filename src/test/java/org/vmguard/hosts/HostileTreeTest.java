package org.vmguard.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.catalogue.Catalogue;
import org.vmguard.catalogue.Profile;
import org.vmguard.catalogue.Selection;
import org.vmguard.cli.Main;
import org.vmguard.core.Report;
import org.vmguard.core.Result;
import org.vmguard.core.Status;
import org.vmguard.report.JsonReport;
import org.vmguard.run.HostAudit;
import org.vmguard.target.RootfsTarget;
import org.vmguard.testing.Tree;

/**
 * A root filesystem built to break things: binary junk in the files the checks parse, an
 * sshd_config that includes itself, a 2 MB line, symlinks out of the root (absolute and
 * {@code ../..}) towards a canary file, a symlink loop, directories where files belong, a FIFO
 * as /etc/shadow. The audit must still give a complete report, with no stack trace, and must
 * never read the canary.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileTreeTest {

    /** If this string ever shows up in a report, something read outside the root. */
    static final String CANARY = "canary7f3e";

    @TempDir
    Path dir;

    Path root;
    Path canary;

    @BeforeEach
    void buildHostileTree() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        canary = outside.resolve("canary.txt");
        // Text that every parser would take up and report if it ever read it.
        Files.writeString(canary, String.join("\n",
                CANARY + ":x:0:0:" + CANARY + ":/root:/bin/bash",
                CANARY + ":" + ":20000:0:99999:7:::",
                "PasswordAuthentication yes # " + CANARY,
                "PermitRootLogin yes # " + CANARY,
                "ID=" + CANARY, "VERSION_ID=\"" + CANARY + "\"",
                CANARY + " ALL=(ALL) NOPASSWD: ALL",
                "APT::Periodic::Unattended-Upgrade \"" + CANARY + "\";",
                "Package: " + CANARY, "Status: install ok installed", "Version: " + CANARY,
                "-----BEGIN OPENSSH PRIVATE KEY-----", CANARY, "-----END OPENSSH PRIVATE KEY-----", ""));
        root = Files.createDirectories(dir.resolve("root"));
        String abs = canary.toAbsolutePath().toString();
        Random random = new Random(20261123);
        Tree t = new Tree(root);
        // binary junk where text belongs
        t.bytes("/etc/passwd", junk(random, 4096));
        t.bytes("/usr/lib/os-release", junk(random, 2048));
        t.symlink("/etc/os-release", "../usr/lib/os-release");
        t.bytes("/etc/sudoers", junk(random, 1024));
        t.bytes("/etc/apt/apt.conf.d/50unattended-upgrades", junk(random, 1024));
        t.bytes("/etc/cloud/cloud.cfg", "{{{[[[: : :\n\t- !!binary |\n  \u0000\u0001".getBytes(StandardCharsets.UTF_8));
        t.bytes("/etc/ssh/ssh_host_rsa_key", junk(random, 1675));
        t.bytes("/home/debian/.ssh/id_rsa", concat("-----BEGIN OPENSSH PRIVATE KEY-----\n".getBytes(StandardCharsets.UTF_8),
                junk(random, 512)));
        // an sshd_config that includes itself, junk and a 2 MB line among its drop-ins
        t.bytes("/etc/ssh/sshd_config", concat(junk(random, 512), """

                Include /etc/ssh/sshd_config
                Include sshd_config.d/*.conf
                Match User *
                \tInclude /etc/ssh/sshd_config
                """.getBytes(StandardCharsets.UTF_8), junk(random, 512)));
        t.bytes("/etc/ssh/sshd_config.d/00-junk.conf", junk(random, 2048));
        t.file("/etc/ssh/sshd_config.d/10-long.conf", "Ciphers " + "aes128-ctr,".repeat(2 * 1024 * 1024 / 11) + "\n"
                + "PasswordAuthentication " + "n".repeat(2 * 1024 * 1024) + "\n");
        t.file("/var/lib/dpkg/status", "Package: openssh-server\nStatus: install ok installed\nDescription: "
                + "x".repeat(2 * 1024 * 1024) + "\n");
        // symlinks out of the root, absolute and relative, to a file and to a directory
        t.symlink("/etc/group", abs);
        t.symlink("/etc/gshadow", "../../outside/canary.txt");
        t.symlink("/etc/ssh/sshd_config.d/20-out.conf", "../../../../outside/canary.txt");
        t.symlink("/etc/ssh/sshd_config.d/21-out.conf", abs);
        t.symlink("/etc/ssh/ssh_host_ed25519_key", "/../../../../../../.." + abs);
        t.symlink("/etc/sudoers.d", "../../outside");
        t.symlink("/home/debian/.ssh/authorized_keys", abs);
        t.symlink("/root", "../outside");
        t.symlink("/etc/apt/apt.conf.d/20auto-upgrades", "../../../../outside/canary.txt");
        t.symlink("/var/run", "../../outside");
        t.symlink("/run", "/var/run");
        // a loop, and directories where files belong
        t.symlink("/etc/ssh/sshd_config.d/30-loop.conf", "30-loop.conf");
        t.symlink("/etc/ssh/sshd_config.d/31-loop.conf", "32-loop.conf");
        t.symlink("/etc/ssh/sshd_config.d/32-loop.conf", "31-loop.conf");
        t.dir("/etc/login.defs");
        t.dir("/etc/shells");
        t.dir("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease");
        // a FIFO as /etc/shadow: opening it for reading would block forever
        mkfifo(root.resolve("etc/shadow"));
    }

    @AfterEach
    void removeLinks() {
        HostFixture.removeLinks(dir);
    }

    @Test
    void theRootfsTargetRefusesAFifoWithoutOpeningIt() {
        assertThatThrownBy(() -> new RootfsTarget(root).read("/etc/shadow"))
                .isInstanceOf(FileSystemException.class).hasMessageContaining("not a regular file");
    }

    @Test
    void theRootfsTargetNeverFollowsALinkOutOfTheRoot() throws IOException {
        RootfsTarget target = new RootfsTarget(root);
        for (String p : List.of("/etc/group", "/etc/gshadow", "/etc/ssh/sshd_config.d/20-out.conf",
                "/etc/ssh/sshd_config.d/21-out.conf", "/etc/ssh/ssh_host_ed25519_key",
                "/home/debian/.ssh/authorized_keys", "/etc/sudoers.d/canary.txt", "/root/canary.txt",
                "/run/canary.txt", "/var/run/canary.txt", "/../outside/canary.txt")) {
            assertThat(target.read(p)).as(p).isEmpty();
        }
        assertThat(target.list("/etc/sudoers.d")).isEmpty();
        assertThat(target.list("/root")).isEmpty();
    }

    @Test
    void theAuditGivesACompleteReportAndNeverReadsOutsideTheRoot() throws Exception {
        Report report = HostAudit.run(new RootfsTarget(root), Selection.of(Profile.BASELINE),
                () -> Instant.parse("2026-11-23T09:00:00Z"));
        List<String> expected = Selection.of(Profile.BASELINE).apply(Catalogue.hostChecks()).stream()
                .map(c -> c.info().id()).toList();
        assertThat(report.results()).extracting(Result::id).containsExactlyElementsOf(expected);
        // info is the status of advice checks, which judge no file
        assertThat(report.results()).extracting(Result::status)
                .allMatch(s -> Set.of(Status.PASS, Status.FAIL, Status.SKIP, Status.ERROR, Status.INFO).contains(s));
        for (Result r : report.results()) {
            if (r.status() == Status.SKIP || r.status() == Status.ERROR) {
                assertThat(r.reason()).as("%s: a skip or an error says why", r.id()).isNotBlank();
            }
            if (r.reason() != null) {
                assertThat(r.reason()).as("%s reason", r.id())
                        .doesNotContain("internal error").doesNotContain("Exception").doesNotContain("\tat ");
            }
        }
        String json = JsonReport.render(report);
        assertThat(json).doesNotContainIgnoringCase(CANARY);
        assertThat(json).doesNotContain(dir.toAbsolutePath() + "/outside");
    }

    @Test
    void theAuditNeverFollowsALinkOutOfTheRootWhereverTheChecksLook() throws Exception {
        // Every file of the realistic Debian fixture becomes a link to the canary, absolute and
        // relative in turn, so whatever a check reads, a naive reader would reach the canary.
        Path links = Files.createDirectories(dir.resolve("links"));
        int n = 0;
        for (String line : Files.readAllLines(new HostFixture("debian12-weak").modes())) {
            String[] f = line.split("\\s+");
            if (line.startsWith("#") || f.length != 4 || f[3].endsWith("/")) {
                continue;
            }
            Path p = links.resolve(f[3].substring(1));
            Files.createDirectories(p.getParent());
            int depth = f[3].split("/").length - 1;
            String relative = "../".repeat(depth) + "outside/canary.txt";
            Files.createSymbolicLink(p, Path.of(n++ % 2 == 0 ? canary.toAbsolutePath().toString() : relative));
        }
        assertThat(Files.readString(links.resolve("etc/passwd"))).as("a naive reader reaches the canary").contains(CANARY);
        assertThat(Files.readString(links.resolve("etc/shadow"))).as("a naive reader reaches the canary").contains(CANARY);
        Report report = HostAudit.run(new RootfsTarget(links), Selection.of(Profile.BASELINE),
                () -> Instant.parse("2026-11-23T09:00:00Z"));
        assertThat(report.results()).hasSize(Selection.of(Profile.BASELINE).apply(Catalogue.hostChecks()).size());
        assertThat(JsonReport.render(report)).doesNotContainIgnoringCase(CANARY);
    }

    @Test
    void theCliAuditsTheHostileTreeWithoutAStackTrace() throws Exception {
        Path out = dir.resolve("report.json");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        int rc;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            rc = Main.run("audit", "--root", root.toString(), "--format", "json", "--output", out.toString());
        } finally {
            System.setErr(oldErr);
        }
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(rc).as("exit status; stderr: %s", stderr).isIn(0, 1, 4);
        assertThat(stderr).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("internal error");
        String text = Files.readString(out);
        JsonNode json = new ObjectMapper().readTree(text);
        assertThat(json.path("schema").asText()).isEqualTo("vmguard-report/1");
        assertThat(json.path("results").size()).isEqualTo(
                Selection.of(Profile.BASELINE).apply(Catalogue.hostChecks()).size());
        assertThat(text).doesNotContainIgnoringCase(CANARY);
    }

    @Test
    void anUnreadableFileIsAnErrorNamingThePathNeverAPass() throws Exception {
        // The reader must not be root (root reads mode 0000 files): in-process when the tests
        // run as another user, otherwise the CLI in a JVM of its own as nobody.
        Path tree = Files.createDirectories(dir.resolve("unreadable"));
        new Tree(tree).file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\nevil:x:0:0::/:/bin/sh\n")
                .mode("/etc/passwd", "---------");
        if (!HostFixture.canChown()) {
            Report report = HostAudit.run(new RootfsTarget(tree), Selection.of(Profile.BASELINE));
            Result uid0 = report.results().stream().filter(r -> r.id().equals("account.uid0")).findFirst().orElseThrow();
            assertThat(uid0.status()).isEqualTo(Status.ERROR);
            assertThat(uid0.reason()).contains("/etc/passwd").contains("permission denied");
            return;
        }
        Path setpriv = Path.of("/usr/bin/setpriv");
        assumeTrue(Files.isExecutable(setpriv), "needs setpriv (util-linux) to read as nobody");
        JsonNode json = auditAsNobody(setpriv, tree);
        JsonNode uid0 = null;
        for (JsonNode r : json.path("results")) {
            if (r.path("id").asText().equals("account.uid0")) {
                uid0 = r;
            }
        }
        assertThat(uid0).isNotNull();
        assertThat(uid0.path("status").asText()).isEqualTo("error");
        assertThat(uid0.path("reason").asText()).contains("/etc/passwd").contains("permission denied");
    }

    /** Runs {@code vmguard audit --root TREE --format json} as nobody, on a copy of the class path nobody can read. */
    private JsonNode auditAsNobody(Path setpriv, Path tree) throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        List<String> cp = new ArrayList<>();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path src = Path.of(entry);
            if (!Files.exists(src)) {
                continue;
            }
            Path copy = shared.resolve((i++) + "-" + src.getFileName());
            if (Files.isDirectory(src)) {
                try (var files = Files.walk(src)) {
                    for (Path p : (Iterable<Path>) files::iterator) {
                        Path to = copy.resolve(src.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(p, to);
                        }
                    }
                }
            } else {
                Files.copy(src, copy);
            }
            cp.add(copy.toString());
        }
        Path out = shared.resolve("report.json");
        // nobody needs to reach the tree, the class path and the output
        try (var all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isSymbolicLink(p) || p.startsWith(tree.resolve("etc/passwd"))) {
                    continue;
                }
                Files.setAttribute(p, "unix:mode", Files.isDirectory(p) ? 0755 : 0644);
            }
        }
        Files.setAttribute(shared, "unix:mode", 0777);   // the CLI writes its output through a temporary file there
        assumeTrue(worldTraversable(dir), "the temporary directory's parents are not open to nobody");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups",
                java, "-cp", String.join(File.pathSeparator, cp), "org.vmguard.cli.Main",
                "audit", "--root", tree.toString(), "--format", "json", "--output", out.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(shared.resolve("cli.log").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the CLI finished").isTrue();
        String log = Files.readString(shared.resolve("cli.log"));
        assertThat(p.exitValue()).as("exit status; output: %s", log).isIn(0, 1, 4);
        assertThat(log).doesNotContain("Exception").doesNotContain("\tat ");
        return new ObjectMapper().readTree(Files.readString(out));
    }

    private static boolean worldTraversable(Path p) throws IOException {
        for (Path q = p.toAbsolutePath().getParent(); q != null; q = q.getParent()) {
            int mode = (Integer) Files.getAttribute(q, "unix:mode");
            if ((mode & 0001) == 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] junk(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void mkfifo(Path p) throws Exception {
        Process proc = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertThat(proc.waitFor()).as("mkfifo %s", p).isZero();
    }
}
