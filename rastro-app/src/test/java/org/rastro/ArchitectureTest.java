package org.rastro;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** The package rules of the application, enforced. See docs/ARCHITECTURE.md. */
class ArchitectureTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.rastro");

    @Test
    void controllersAndRepositoriesArePackagePrivate() {
        classes().that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
                .or().areAnnotatedWith(Repository.class)
                .should().notBePublic()
                .because("a feature's web and SQL layers are reached through its service, not from other packages")
                .check(APP);
    }

    @Test
    void featuresDoNotReachIntoTheDemo() {
        noClasses().that().resideOutsideOfPackage("org.rastro.demo..")
                .should().dependOnClassesThat().resideInAPackage("org.rastro.demo..")
                .because("the demo world is a client of the application, never a dependency of it")
                .check(APP);
    }

    @Test
    void theRegistryDoesNotDependOnSecurityInternals() {
        // Only the web layer asks where the account may look (jurisdiction) and tallies what it hands out
        // (the read guard); the registry's queries and the importer know nothing of accounts.
        noClasses().that().resideInAPackage("org.rastro.registry..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe("security internals",
                        c -> c.getPackageName().startsWith("org.rastro.security")
                                && !java.util.Set.of("Account", "Jurisdiction", "Jurisdictions", "ReadGuard")
                                        .contains(c.getSimpleName().isEmpty() ? c.getEnclosingClass().map(e -> e.getSimpleName()).orElse("")
                                                : c.getEnclosingClass().map(e -> e.getSimpleName()).orElse(c.getSimpleName()))))
                .check(APP);
        noClasses().that().resideInAPackage("org.rastro.registry..").and().areNotAnnotatedWith(Controller.class)
                .and().areNotAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().resideInAPackage("org.rastro.security..")
                .check(APP);
    }

    @Test
    void theBulkImporterRunsWithoutASpringContext() {
        noClasses().that().resideInAPackage("org.rastro.registry.importing..")
                .and().doNotHaveSimpleName("ImportApi")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.context..",
                        "org.springframework.beans..", "org.springframework.stereotype..")
                .because("the benchmark and the demo loader drive it directly")
                .check(APP);
    }

    @Test
    void theLedgerLibraryDependsOnNothingOfTheApplication() {
        noClasses().that().resideInAPackage("org.rastro.ledger..")
                .should().dependOnClassesThat().resideInAnyPackage("org.rastro.registry..", "org.rastro.security..",
                        "org.rastro.system..", "org.springframework..")
                .allowEmptyShould(true)
                .check(new ClassFileImporter().importPackages("org.rastro.ledger"));
    }
}
