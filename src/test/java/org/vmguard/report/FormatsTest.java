package org.vmguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.vmguard.core.Report;
import org.vmguard.testing.Reports;
import org.w3c.dom.Document;

class FormatsTest {

    final Report report = Reports.sample();
    final TextReport.Style plain = new TextReport.Style(false, false, false);

    @Test
    void jsonFollowsTheReportSchema() throws Exception {
        JsonNode json = new ObjectMapper().readTree(Renderers.render(Format.JSON, report, plain));
        assertThat(json.path("schema").asText()).isEqualTo("vmguard-report/1");
        assertThat(json.path("summary").path("fail").asInt()).isEqualTo(1);
        assertThat(json.path("summary").path("error").asInt()).isEqualTo(1);
        JsonNode fail = json.path("results").get(0);
        assertThat(fail.path("status").asText()).isEqualTo("fail");
        assertThat(fail.path("evidence").get(0).path("line").asInt()).isEqualTo(1);
        assertThat(fail.path("evidence").get(1).path("command").asText()).isEqualTo("sshd -T");
        assertThat(json.path("results")).hasSize(5);
    }

    @Test
    void junitIsWellFormedXmlWithAFailureAnErrorAndSkips() throws Exception {
        String xml = Renderers.render(Format.JUNIT, report, plain);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(5);
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("error").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(2);
    }

    @Test
    void sarifHasARulePerCheckAndResultsForFailuresAndErrors() throws Exception {
        JsonNode sarif = new ObjectMapper().readTree(Renderers.render(Format.SARIF, report, plain));
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.path("runs").get(0);
        assertThat(run.path("tool").path("driver").path("rules")).hasSize(5);
        assertThat(run.path("results")).hasSize(2);
        assertThat(run.path("results").get(0).path("level").asText()).isEqualTo("error");
        assertThat(run.path("results").get(0).path("locations").get(0).path("physicalLocation")
                .path("region").path("startLine").asInt()).isEqualTo(1);
    }

    @Test
    void sarifLocationsAreValidUrisWhateverThePathHoldsAndKeepThePath() throws Exception {
        String path = "/home/al ice/#keys/100%/id_ed25519é";
        Report r = new Report(report.target(), "baseline", report.startedAt(), 1, java.util.List.of(
                org.vmguard.core.Result.of(Reports.info("key.unprotected", org.vmguard.core.Severity.MEDIUM),
                        org.vmguard.core.Outcome.fail("1 key", org.vmguard.core.Evidence.at(path, 1, "cipher none")))));
        JsonNode loc = new ObjectMapper().readTree(Renderers.render(Format.SARIF, r, plain)).path("runs").get(0)
                .path("results").get(0).path("locations").get(0).path("physicalLocation");
        String uri = loc.path("artifactLocation").path("uri").asText();
        assertThat(uri).isEqualTo("file:///home/al%20ice/%23keys/100%25/id_ed25519%C3%A9");
        assertThat(java.nio.file.Path.of(new java.net.URI(uri)).toString()).isEqualTo(path);
    }

    @Test
    void htmlEscapesEverythingItShows() {
        String html = Renderers.render(Format.HTML, report, plain);
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;").contains("web&lt;01&gt;");
    }

    @Test
    void prometheusLinesAreValidExposition() {
        String prom = Renderers.render(Format.PROMETHEUS, report, plain);
        for (String line : prom.split("\n")) {
            assertThat(line).matches("# (HELP|TYPE) .*|[a-z_]+\\{([a-z]+=\"([^\"\\\\]|\\\\.)*\",?)+\\} -?[0-9]+");
        }
        assertThat(prom).contains("vmguard_check_failed{target=\"web<01>\",id=\"ssh.password-auth\"")
                .contains("vmguard_score{target=\"web<01>\"}");
    }

    @Test
    void markdownListsFindingsWithTheirFix() {
        String md = Renderers.render(Format.MARKDOWN, report, plain);
        assertThat(md).contains("### HIGH: ssh.password-auth").contains("Fix: fix ssh.password-auth")
                .contains("fix ssh.password-auth with `cmd` \\| pipe");
    }

    @Test
    void markdownShowsControlCharactersFromTheTargetAsEscapesNotRawBytes() {
        // a hostile image's file (a user name with ESC ] 0 ; … BEL) must not act on the terminal of
        // whoever cats the report, nor put NUL bytes into a ticket
        String md = Renderers.render(Format.MARKDOWN, report, plain);
        assertThat(md).contains("`passwordauthentication yes\\x01`");
        assertThat(md.chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
    }

    @Test
    void textFitsEightyColumnsAndShowsFailuresFirstWithEvidenceAndFix() {
        String text = Renderers.render(Format.TEXT, report, plain);
        for (String line : text.split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(TextReport.WIDTH);
        }
        assertThat(text.indexOf("  FAIL ")).isLessThan(text.indexOf("  pass "));
        assertThat(text).contains("/etc/ssh/sshd_config.d/50-cloud-init.conf:1\n").contains("PasswordAuthentication yes")
                .contains("fix: fix ssh.password-auth").contains("ERROR").contains("`sshd -T`  passwordauthentication yes\\x01");
        assertThat(text).doesNotContain("\u0001").doesNotContain(" \n");
    }

    @Test
    void quietTextShowsOnlyFailuresAndErrors() {
        String text = Renderers.render(Format.TEXT, report, new TextReport.Style(false, true, false));
        assertThat(text).contains("ssh.password-auth").contains("account.uid0").doesNotContain("ssh.root-login")
                .doesNotContain("web.userdir");
    }

    @Test
    void colourOnlyWhenAsked() {
        assertThat(Renderers.render(Format.TEXT, report, plain)).doesNotContain("\u001b[");
        assertThat(Renderers.render(Format.TEXT, report, new TextReport.Style(true, false, false))).contains("\u001b[");
    }

    @Test
    void theSeverityNeverRunsIntoTheCheckId() {
        var critical = new org.vmguard.core.Report(report.target(), "baseline", report.startedAt(), 1, java.util.List.of(
                org.vmguard.core.Result.of(org.vmguard.testing.Reports.info("cloud.sg-world-any", org.vmguard.core.Severity.CRITICAL),
                        org.vmguard.core.Outcome.fail("open", org.vmguard.core.Evidence.note("rule 1")))));
        assertThat(Renderers.render(Format.TEXT, critical, plain)).contains("FAIL critical cloud.sg-world-any");
    }

    @Test
    void theStreamedJsonIsByteForByteTheTreeJson() {
        var waived = new org.vmguard.catalogue.Waivers(java.util.List.of(new org.vmguard.catalogue.Waivers.Entry(
                "ssh.password-auth", "bastion \"only\"", java.time.LocalDate.parse("2027-01-01"),
                java.util.regex.Pattern.compile(".*"), "w.yaml:1"))).apply(report, java.time.LocalDate.parse("2026-11-23"));
        for (var r : java.util.List.of(report, waived)) {
            assertThat(JsonStream.render(r)).isEqualTo(JsonReport.render(r));
        }
    }
}
