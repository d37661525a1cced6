package org.rastro;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rastro.system.CsvOut;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** The package rules of the application, enforced. See docs/ARCHITECTURE.md. */
class ArchitectureTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.rastro");

    /**
     * The feature packages from the bottom up, as docs/ARCHITECTURE.md lists them: a package may use
     * only packages of lower layers, never one of its own layer or above.
     */
    static final List<List<String>> LAYERS = List.of(
            List.of("system"),
            List.of("privacy", "log"),
            List.of("security"),
            List.of("custody"),
            List.of("registry", "alerts", "exports"),
            List.of("counting", "tracing"),
            List.of("accountability", "crafted", "comparisons", "phones"),
            List.of("dashboards", "home"),
            List.of("demo"));

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.rastro.(*)..").should().beFreeOfCycles().check(APP);
    }

    @Test
    void packagesUseOnlyLowerLayers() {
        for (int layer = 0; layer < LAYERS.size(); layer++) {
            List<String> notBelow = LAYERS.subList(layer, LAYERS.size()).stream()
                    .flatMap(List::stream)
                    .toList();
            for (String pkg : LAYERS.get(layer)) {
                String[] others = notBelow.stream()
                        .filter(p -> !p.equals(pkg))
                        .map(p -> "org.rastro." + p + "..")
                        .toArray(String[]::new);
                noClasses()
                        .that()
                        .resideInAPackage("org.rastro." + pkg + "..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(others)
                        .because(pkg + " sits in layer " + (layer + 1) + " of docs/ARCHITECTURE.md")
                        .check(APP);
            }
        }
    }

    @Test
    void everyFeaturePackageHasALayer() {
        List<String> layered = LAYERS.stream().flatMap(List::stream).toList();
        List<String> packages = APP.stream()
                .map(c -> c.getPackageName())
                .filter(p -> p.startsWith("org.rastro.")
                        && !p.startsWith("org.rastro.ledger")
                        && !p.startsWith("org.rastro.sharing")
                        && !p.startsWith("org.rastro.cli"))
                .map(p -> p.substring("org.rastro.".length()).split("\\.")[0])
                .distinct()
                .sorted()
                .toList();
        assertThat(layered).containsAll(packages);
    }

    @Test
    void problemResponsesAreWrittenInOnePlace() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.rastro.system..")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(ProblemDetail.class)
                .because("org.rastro.system.Problems writes every RFC 9457 answer, with its ErrorCode")
                .check(APP);
    }

    @Test
    void everyCsvIsWrittenThroughTheOneWriterThatNeutralisesFormulas() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(CsvOut.class.getName())
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("de.siegmar.fastcsv.writer.CsvWriter")
                .because("org.rastro.system.CsvOut neutralises cells a spreadsheet would read as formulas")
                .check(APP);
    }

    @Test
    void controllersAndRepositoriesArePackagePrivate() {
        classes()
                .that()
                .areAnnotatedWith(Controller.class)
                .or()
                .areAnnotatedWith(RestController.class)
                .or()
                .areAnnotatedWith(Repository.class)
                .should()
                .notBePublic()
                .because("a feature's web and SQL layers are reached through its service, not from other packages")
                .check(APP);
    }

    @Test
    void featuresDoNotReachIntoTheDemo() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.rastro.demo..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.rastro.demo..")
                .because("the demo world is a client of the application, never a dependency of it")
                .check(APP);
    }

    @Test
    void theRegistryDoesNotDependOnSecurityInternals() {
        // Only the web layer asks where the account may look (jurisdiction), tallies what it hands out (the
        // read guard) and names what a personal-data write was about (the audit trail); the registry's queries
        // and the importer know nothing of accounts.
        noClasses()
                .that()
                .resideInAPackage("org.rastro.registry..")
                .should()
                .dependOnClassesThat(DescribedPredicate.describe(
                        "security internals",
                        c -> c.getPackageName().startsWith("org.rastro.security")
                                && !Set.of(
                                                "Account",
                                                "Jurisdiction",
                                                "Jurisdictions",
                                                "ReadGuard",
                                                "Role",
                                                "AuditTrail")
                                        .contains(
                                                c.getSimpleName().isEmpty()
                                                        ? c.getEnclosingClass()
                                                                .map(e -> e.getSimpleName())
                                                                .orElse("")
                                                        : c.getEnclosingClass()
                                                                .map(e -> e.getSimpleName())
                                                                .orElse(c.getSimpleName()))))
                .check(APP);
        noClasses()
                .that()
                .resideInAPackage("org.rastro.registry..")
                .and()
                .areNotAnnotatedWith(Controller.class)
                .and()
                .areNotAnnotatedWith(RestController.class)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.rastro.security..")
                .check(APP);
    }

    @Test
    void theBulkImporterRunsWithoutASpringContext() {
        noClasses()
                .that()
                .resideInAPackage("org.rastro.registry.importing..")
                .and()
                .doNotHaveSimpleName("ImportApi")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.context..",
                        "org.springframework.beans..",
                        "org.springframework.stereotype..")
                .because("the benchmark and the demo loader drive it directly")
                .check(APP);
    }

    @Test
    void theLedgerLibraryDependsOnNothingOfTheApplication() {
        noClasses()
                .that()
                .resideInAPackage("org.rastro.ledger..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.rastro.registry..",
                        "org.rastro.security..",
                        "org.rastro.system..",
                        "org.springframework..")
                .allowEmptyShould(true)
                .check(new ClassFileImporter().importPackages("org.rastro.ledger"));
    }
}
