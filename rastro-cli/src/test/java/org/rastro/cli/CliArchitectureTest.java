package org.rastro.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class CliArchitectureTest {

    @Test
    void theCliDoesNotUseSpring() {
        noClasses()
                .that()
                .resideInAPackage("org.rastro.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .because("the CLI must start in well under a second")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.rastro.cli"));
    }
}
