package org.vmguard.checks.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.vmguard.testing.Tools;

/**
 * The real thing, not a simulation: vmguard runs as an unprivileged user (nobody, through
 * setpriv in a child JVM) over a tree whose /etc/shadow is root's mode 0600 file, so the kernel
 * refuses the read. account.empty-password must end in error naming the path and why.
 */
@Tag("slow")
class ShadowAsNonRootTest {

    Path work;

    @AfterEach
    void clean() throws Exception {
        if (work != null) {
            try (var s = Files.walk(work)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void anUnreadableShadowIsAnErrorNamingThePathNeverAPass() throws Exception {
        Path setpriv = Tools.require("/usr/bin/setpriv");
        if (!Tools.isRoot()) {
            return; // not root: AccountEmptyPasswordTest's denied read is then what the kernel does to us too
        }
        work = Files.createTempDirectory("vg-shadow");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path root = Files.createDirectories(work.resolve("root/etc"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(root.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(root.resolve("passwd"), "root:x:0:0::/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n");
        Files.setPosixFilePermissions(root.resolve("passwd"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(root.resolve("shadow"), "root:*:19000::::::\nalice::19000::::::\n");
        Files.setPosixFilePermissions(root.resolve("shadow"), PosixFilePermissions.fromString("rw-------"));

        List<String> cmd = new ArrayList<>(List.of(setpriv.toString(), "--reuid=65534", "--regid=65534",
                "--clear-groups", ProcessHandle.current().info().command().orElseThrow(), "-cp", readableClasspath(),
                "org.vmguard.cli.Main", "audit", "--root", work.resolve("root").toString(), "--only",
                "account.empty-password", "--format", "json", "--fail-on", "critical"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(4);
        JsonNode r = new ObjectMapper().readTree(out).path("results").get(0);
        assertThat(r.path("status").asText()).isEqualTo("error");
        assertThat(r.path("reason").asText()).isEqualTo("/etc/shadow: permission denied");
    }

    /** The test classpath, with what nobody cannot read (jars under /root/.m2) copied where it can. */
    String readableClasspath() throws Exception {
        Path jars = Files.createDirectories(work.resolve("cp"));
        Files.setPosixFilePermissions(jars, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> out = new ArrayList<>();
        int i = 0;
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (Files.isRegularFile(p)) {
                Path copy = jars.resolve((i++) + "-" + p.getFileName());
                Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                out.add(copy.toString());
            } else if (Files.isDirectory(p) && p.toString().endsWith("classes") && !p.toString().contains("test-classes")) {
                out.add(p.toString());
            }
        }
        return String.join(File.pathSeparator, out);
    }
}
