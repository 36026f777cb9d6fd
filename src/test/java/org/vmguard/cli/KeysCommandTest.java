package org.vmguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Tools;

class KeysCommandTest {

    @TempDir
    Path dir;

    Path key(String name, String passphrase) throws Exception {
        Path keygen = Tools.require("/usr/bin/ssh-keygen");
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Process p = new ProcessBuilder(keygen.toString(), "-q", "-t", "ed25519", "-N", passphrase, "-C", "t", "-f",
                f.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return f;
    }

    @Test
    void exitsOneAndNamesTheKeyWhenADirectoryHoldsAnUnprotectedKey() throws Exception {
        key("ssh/id_ed25519", "correct horse");
        Path bare = key("ssh/work_key", "");
        Path out = dir.resolve("r.json");
        int rc = Main.run("keys", dir.resolve("ssh").toString(), "--format", "json", "--output", out.toString());
        assertThat(rc).isEqualTo(ExitCode.FAILED);
        JsonNode json = new ObjectMapper().readTree(Files.readString(out));
        assertThat(json.path("schema").asText()).isEqualTo("vmguard-report/1");
        JsonNode r = json.path("results").get(0);
        assertThat(r.path("id").asText()).isEqualTo("key.unprotected");
        assertThat(r.path("status").asText()).isEqualTo("fail");
        assertThat(r.path("evidence")).hasSize(1);
        assertThat(r.path("evidence").get(0).path("path").asText()).isEqualTo(bare.toString());
    }

    @Test
    void exitsZeroWhenEveryKeyHasAPassphraseAndFailOnNoneSilencesAFailure() throws Exception {
        Path locked = key("id_locked", "correct horse");
        assertThat(Main.run("keys", locked.toString(), "--output", dir.resolve("a.txt").toString())).isEqualTo(ExitCode.OK);
        Path bare = key("id_bare", "");
        assertThat(Main.run("keys", bare.toString(), "--fail-on", "none", "--output", dir.resolve("b.txt").toString()))
                .isEqualTo(ExitCode.OK);
        assertThat(Main.run("keys", bare.toString(), "--fail-on", "high", "--output", dir.resolve("c.txt").toString()))
                .as("key.unprotected is medium").isEqualTo(ExitCode.OK);
        assertThat(Files.readString(dir.resolve("c.txt"))).contains("FAIL", bare.toString());
    }

    @Test
    void aPathThatDoesNotExistCannotBeJudgedAndABadOptionIsAUsageError() {
        assertThat(Main.run("keys", dir.resolve("missing").toString(), "--output", dir.resolve("d.txt").toString()))
                .isEqualTo(ExitCode.NOT_EVALUATED);
        assertThat(Main.run("keys", "--format", "yaml")).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void withoutArgumentsItExaminesTheOwnSshDirectoryFromPasswd() throws Exception {
        Path out = dir.resolve("own.json");
        int rc = Main.run("keys", "--format", "json", "--fail-on", "none", "--output", out.toString());
        assertThat(rc).isEqualTo(ExitCode.OK);
        JsonNode r = new ObjectMapper().readTree(Files.readString(out)).path("results").get(0);
        assertThat(r.path("status").asText()).isIn("pass", "fail");
        String home = System.getProperty("user.name").equals("root") ? "/root/.ssh" : "/.ssh";
        assertThat(r.path("reason").asText() + r.path("evidence")).contains(home);
    }

    @Test
    void aSearchStoppedByItsFileBoundCannotBeJudgedInsteadOfPassingTheFilesItNeverRead() throws Exception {
        Path many = dir.resolve("many");
        Files.createDirectories(many);
        for (int i = 0; i < 2_000; i++) {
            Files.writeString(many.resolve(String.format("note%04d", i)), "not a key\n");
        }
        key("many/zz_deploy", ""); // sorts after the notes: beyond the bound
        Path out = dir.resolve("many.json");
        int rc = Main.run("keys", many.toString(), "--format", "json", "--output", out.toString());
        JsonNode r = new ObjectMapper().readTree(Files.readString(out)).path("results").get(0);
        assertThat(r.path("status").asText()).isEqualTo("error");
        assertThat(r.path("reason").asText()).contains("could not search everywhere",
                "the search of " + many + " stopped after reading 2000 files");
        assertThat(rc).isEqualTo(ExitCode.NOT_EVALUATED);
    }

    @Test
    void aPassSaysWhatWasExaminedWithoutVerbose() throws Exception {
        Path locked = key("id_locked", "correct horse");
        Path out = dir.resolve("pass.txt");
        assertThat(Main.run("keys", locked.toString(), "--no-color", "--output", out.toString())).isEqualTo(ExitCode.OK);
        // the reason is the answer: which places were searched and what was found there
        assertThat(Files.readString(out).replaceAll("\\s+", " ")).contains("pass", "1 file(s) examined in " + locked,
                "1 private key(s), all with a passphrase");
    }
}
