package org.vmguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyAuditTest {

    @TempDir
    Path dir;

    @Test
    void startsOnlyForTheBaselineAuditOfThisMachine() {
        assertThat(EarlyAudit.plain(new String[] {"audit"})).isTrue();
        assertThat(EarlyAudit.plain(new String[] {"audit", "--format", "json", "--output", "r.json", "--fail-on=none",
            "--no-color", "--waivers", "w.yaml", "--quiet"})).isTrue();
        assertThat(EarlyAudit.plain(new String[] {"audit", "--format=sarif", "--verbose"})).isTrue();
        // anything that changes what is audited, or is not understood, waits for picocli
        assertThat(EarlyAudit.plain(new String[] {"audit", "--root", "/srv/image"})).isFalse();
        assertThat(EarlyAudit.plain(new String[] {"audit", "--host", "vm1"})).isFalse();
        assertThat(EarlyAudit.plain(new String[] {"audit", "--inventory=fleet.yaml"})).isFalse();
        assertThat(EarlyAudit.plain(new String[] {"audit", "--only", "ssh"})).isFalse();
        assertThat(EarlyAudit.plain(new String[] {"audit", "--skip=web"})).isFalse();
        assertThat(EarlyAudit.plain(new String[] {"audit", "--profile", "pouta"})).isFalse();
        assertThat(EarlyAudit.plain(new String[] {"audit", "--help"})).isFalse();
        assertThat(EarlyAudit.plain(new String[] {"audit", "stray"})).isFalse();
        // the value of an output option is skipped, not taken for an option
        assertThat(EarlyAudit.plain(new String[] {"audit", "--output", "--root"})).isTrue();
        assertThat(EarlyAudit.plain(new String[] {"logs"})).isFalse();
        assertThat(EarlyAudit.plain(new String[] {})).isFalse();
    }

    @Test
    void theEarlyAuditIsTheReportTheCommandWrites() throws Exception {
        Path out = dir.resolve("report.json");
        PrintStream err = System.err;
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = Main.run("audit", "--format", "json", "--fail-on", "none", "--output", out.toString());
        } finally {
            System.setErr(err);
        }
        assertThat(rc).as(errors.toString(StandardCharsets.UTF_8)).isIn(ExitCode.OK, 4);
        assertThat(Files.readString(out)).contains("\"ssh.root-login\"");
        // taken by the command: a second command in the same JVM (tests do that) starts afresh
        assertThat(EarlyAudit.take()).isEmpty();
    }

    @Test
    void itAuditsThisMachineWithTheBaselineSelection() {
        EarlyAudit.startFor(new String[] {"audit", "--format", "json"});
        EarlyAudit early = EarlyAudit.take().orElseThrow();
        var report = early.report();
        assertThat(report.target().kind()).isEqualTo(org.vmguard.core.TargetKind.LOCAL);
        assertThat(report.profile()).isEqualTo("baseline");
        assertThat(report.results()).extracting(r -> r.check().id()).contains("ssh.root-login", "firewall.active");
        assertThat(EarlyAudit.take()).isEmpty();
    }
}
