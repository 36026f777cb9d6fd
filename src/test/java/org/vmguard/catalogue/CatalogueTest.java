package org.vmguard.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;

/** The catalogue-wide conformance rules of the design. */
class CatalogueTest {

    /** The areas whose every spec id must be in the catalogue (grows as areas are built). */
    static final Set<String> REQUIRED_AREAS = Set.of("account", "advice", "cloud", "db", "dns", "firewall", "fleet", "image",
            "key", "log", "mail", "ntp", "probe", "service", "ssh", "update", "web");

    /** Area → package, where the area name is not the package name. */
    static String packageOf(String area) {
        return switch (area) {
            case "key" -> "keys";
            case "mail", "dns", "ntp", "db" -> "service";
            default -> area;
        };
    }

    @Test
    void idsAreUniqueAndOfTheFormAreaDotSubject() {
        List<String> ids = Catalogue.all().stream().map(CheckInfo::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids).allMatch(id -> id.matches("[a-z]+\\.[a-z0-9]+(-[a-z0-9]+)*"), "area.subject in kebab case");
    }

    /** Every check of every kind: host, cloud and fleet checks. */
    static List<Check<?>> everyCheck() {
        List<Check<?>> all = new ArrayList<>(Catalogue.hostChecks());
        all.addAll(Catalogue.cloudChecks());
        all.addAll(Catalogue.fleetChecks());
        return all;
    }

    @Test
    void theListIsSortedById() {
        List<String> ids = Catalogue.hostChecks().stream().map(c -> c.info().id()).toList();
        assertThat(ids).isSorted();
        assertThat(Catalogue.cloudChecks().stream().map(c -> c.info().id()).toList()).isSorted();
        assertThat(Catalogue.fleetChecks().stream().map(c -> c.info().id()).toList()).isSorted();
        assertThat(Catalogue.all().stream().map(CheckInfo::id).toList()).isSorted();
    }

    @Test
    void everyFieldIsFilled() {
        for (CheckInfo c : Catalogue.all()) {
            assertThat(c.title()).as(c.id()).isNotBlank();
            assertThat(c.rationale()).as(c.id()).isNotBlank();
            assertThat(c.remediation()).as(c.id()).isNotBlank();
            assertThat(c.references()).as(c.id()).isNotEmpty().allMatch(r -> !r.isBlank());
            assertThat(c.targets()).as(c.id()).isNotEmpty();
        }
    }

    @Test
    void eachCheckLivesInItsAreasPackageAndIsNamedAfterItsId() {
        for (Check<?> c : everyCheck()) {
            String id = c.info().id();
            Class<?> k = c.getClass();
            assertThat(k.getPackageName()).as(id).isEqualTo("org.vmguard.checks." + packageOf(c.info().area()));
            assertThat(k.getSimpleName()).as(id).isEqualTo(className(id));
        }
    }

    @Test
    void everyCheckHasATestClass() {
        List<String> missing = new ArrayList<>();
        for (Check<?> c : everyCheck()) {
            String test = c.getClass().getName() + "Test";
            try {
                Class.forName(test);
            } catch (ClassNotFoundException e) {
                missing.add(test);
            }
        }
        assertThat(missing).as("checks without a test class").isEmpty();
    }

    @Test
    void fleetChecksAndOnlyThemJudgeTheWholeFleet() {
        assertThat(Catalogue.fleetChecks()).isNotEmpty().allMatch(c -> c.info().area().equals("fleet"));
        assertThat(Catalogue.hostChecks()).noneMatch(c -> c.info().area().equals("fleet"));
    }

    @Test
    void everyIdOfTheSpecInTheBuiltAreasIsPresent() throws IOException {
        Set<String> ours = Catalogue.all().stream().map(CheckInfo::id).collect(Collectors.toSet());
        List<String> missing = specIds().stream()
                .filter(id -> REQUIRED_AREAS.contains(id.substring(0, id.indexOf('.'))))
                .filter(id -> !ours.contains(id))
                .toList();
        assertThat(missing).as("ids of shared/spec/checks.md missing from the catalogue").isEmpty();
    }

    @Test
    void cloudChecksJudgeOpenStackProjectsOnly() {
        for (Check<?> c : Catalogue.cloudChecks()) {
            assertThat(c.info().targets()).as(c.info().id()).containsExactly(org.vmguard.core.TargetKind.OPENSTACK);
        }
    }

    /** The ids in the first column of the spec's tables. */
    static List<String> specIds() throws IOException {
        Path spec = Path.of("../shared/spec/checks.md");
        if (!Files.exists(spec)) {
            spec = Path.of("docs/spec-checks.md");
        }
        Matcher m = Pattern.compile("(?m)^\\| ([a-z]+\\.[a-z0-9-]+) \\|").matcher(Files.readString(spec));
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertThat(ids).as("ids parsed from %s", spec).hasSizeGreaterThan(50);
        return ids;
    }

    static String className(String id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.split("[.-]")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }
}
