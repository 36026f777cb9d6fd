package org.vmguard.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.vmguard.catalogue.Catalogue;
import org.vmguard.catalogue.Profile;
import org.vmguard.catalogue.Selection;
import org.vmguard.core.Evidence;
import org.vmguard.core.Report;
import org.vmguard.core.Result;
import org.vmguard.report.JsonReport;
import org.vmguard.run.HostAudit;
import org.vmguard.target.RootfsTarget;
import org.vmguard.testing.Golden;

/**
 * The baseline audit of each realistic host fixture, compared with its committed golden report
 * ({@code -Dregenerate=true} rewrites them), plus the report's invariants on real-looking hosts.
 */
class HostFixturesTest {

    static final Instant FIXED_INSTANT = Instant.parse("2026-11-23T09:00:00Z");

    static final List<String> FIXTURES = HostFixture.ALL;

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void reportMatchesTheGoldenFile(String name) throws JsonProcessingException {
        assumeTrue(HostFixture.canChown(), "the fixtures' owners can only be applied as root, and owners decide some results");
        HostFixture fixture = new HostFixture(name);
        Report report = audit(fixture);
        Golden.assertMatches(fixture.expectedReport(), normalised(report, name));
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyCheckOfTheProfileAppearsExactlyOnce(String name) {
        Report report = audit(new HostFixture(name));
        List<String> expected = Selection.of(Profile.BASELINE).apply(Catalogue.hostChecks()).stream()
                .map(c -> c.info().id()).toList();
        assertThat(report.results()).extracting(Result::id).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void evidenceNamesPathsOnTheTargetNeverOutsideItsRoot(String name) throws JsonProcessingException {
        Path root = dir.resolve("root");
        Report report = audit(new HostFixture(name));
        for (Result r : report.results()) {
            for (Evidence e : r.evidence()) {
                if (e.path() != null) {
                    assertThat(e.path()).as("%s evidence path", r.id()).startsWith("/")
                            .doesNotContain("/../").doesNotEndWith("/..")
                            .doesNotStartWith(root.toAbsolutePath().toString());
                }
            }
        }
        assertThat(normalised(report, name)).as("the report never names the host directory of the root")
                .doesNotContain(root.toAbsolutePath().toString());
    }

    @AfterEach
    void removeLinks() {
        HostFixture.removeLinks(dir);
    }

    private Report audit(HostFixture fixture) {
        Path root = fixture.install(dir.resolve("root"));
        return HostAudit.run(new RootfsTarget(root), Selection.of(Profile.BASELINE), () -> FIXED_INSTANT);
    }

    /** The JSON report with what varies between runs fixed: duration, start, the temp dir's name. */
    static String normalised(Report report, String name) throws JsonProcessingException {
        ObjectNode tree = JsonReport.tree(report);
        tree.put("startedAt", FIXED_INSTANT.toString());
        tree.put("durationMs", 0);
        ((ObjectNode) tree.path("target")).put("name", name);
        return JsonReport.MAPPER.writeValueAsString(tree) + "\n";
    }
}
