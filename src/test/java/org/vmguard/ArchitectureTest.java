package org.vmguard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package arrows of shared/design.md. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.vmguard");

    @Test
    void coreDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("org.vmguard.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.vmguard.cli..", "org.vmguard.catalogue..", "org.vmguard.run..", "org.vmguard.target..",
                        "org.vmguard.facts..", "org.vmguard.checks..", "org.vmguard.probe..", "org.vmguard.cloud..",
                        "org.vmguard.logs..", "org.vmguard.fix..", "org.vmguard.report..", "org.vmguard.fleet..")
                .check(CLASSES);
    }

    @Test
    void nothingDependsOnTheCli() {
        noClasses().that().resideOutsideOfPackage("org.vmguard.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.vmguard.cli..")
                .check(CLASSES);
    }

    @Test
    void checksDependOnlyOnCoreFactsCloudAndProbe() {
        noClasses().that().resideInAPackage("org.vmguard.checks..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.vmguard.cli..", "org.vmguard.catalogue..", "org.vmguard.run..", "org.vmguard.target..",
                        "org.vmguard.fix..", "org.vmguard.report..", "org.vmguard.fleet..", "org.vmguard.logs..")
                .check(CLASSES);
    }

    @Test
    void checksNeverTouchFilesProcessesOrSockets() {
        noClasses().that().resideInAPackage("org.vmguard.checks..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.nio.file.Files")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
                .orShould().dependOnClassesThat().resideInAPackage("java.net..")
                .orShould().dependOnClassesThat().resideInAPackage("java.io..")
                .check(CLASSES);
    }

    @Test
    void onlyTargetsAndTheirCallersAtTheEdgesTouchFilesAndProcesses() {
        noClasses().that().resideInAnyPackage("org.vmguard.facts..", "org.vmguard.core..", "org.vmguard.catalogue..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.nio.file.Files")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.ProcessBuilder")
                .check(CLASSES);
    }
}
