package org.vmguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet commands' handling of wrong --db values and inventories: no store is made by mistake. */
class FleetCommandTest {

    @TempDir
    Path dir;

    @Test
    void aDbAddressWithAnUnknownSchemeIsRefusedInsteadOfBecomingALocalSqliteFile() {
        Path cwd = Path.of("").toAbsolutePath();
        LogsCommandTest.Run r = LogsCommandTest.run("fleet", "report", "--db", "mysql://ops:hunter2@127.0.0.1/fleet");
        assertThat(r.status()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--db").contains("mysql").contains("postgresql://").doesNotContain("hunter2");
        assertThat(cwd.resolve("mysql:")).doesNotExist();
    }

    @Test
    void aReportOnAStoreFileThatDoesNotExistSaysSoAndCreatesNothing() {
        Path db = dir.resolve("typo/fleet.db");
        LogsCommandTest.Run r = LogsCommandTest.run("fleet", "report", "--db", db.toString());
        assertThat(r.status()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains(db.toString()).contains("no such file");
        assertThat(dir.resolve("typo")).doesNotExist();
    }

    @Test
    void anEmptyDbValueIsACommandLineError() {
        LogsCommandTest.Run r = LogsCommandTest.run("fleet", "report", "--db", "");
        assertThat(r.status()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--db");
    }

    @Test
    void aStoreThatIsNotSqliteIsNamedWithTheReason() throws Exception {
        Path db = dir.resolve("notes.db");
        Files.writeString(db, "hello\n");
        LogsCommandTest.Run r = LogsCommandTest.run("fleet", "report", "--db", db.toString());
        assertThat(r.status()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains(db.toString()).contains("not a database").doesNotContain("Exception");
    }

    @Test
    void anInventoryThatCannotBeReadSaysWhy() {
        Path missing = dir.resolve("hosts.ini");
        LogsCommandTest.Run r = LogsCommandTest.run("fleet", "scan", "--inventory", missing.toString(), "--db",
                dir.resolve("f.db").toString());
        assertThat(r.status()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--inventory " + missing + ": no such file");
    }

    @Test
    void aDirectoryGivenAsTheStoreIsNamedAsADirectory() {
        LogsCommandTest.Run r = LogsCommandTest.run("fleet", "report", "--db", dir.toString());
        assertThat(r.status()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("results store " + dir + ": is a directory");
    }
}
