package com.trafficmanager.console.route;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The write path is domain and services: it must run without JavaFX (bench, tests, a headless relay),
 * so none of its packages may touch {@code javafx..}, and it must not reach up into the UI or app.
 */
class WritePathArchitectureTest {
    private static final String[] WRITE_PATH = {
        "com.trafficmanager.console.route..", "com.trafficmanager.console.event..",
        "com.trafficmanager.console.outbox..", "com.trafficmanager.console.db..", "com.trafficmanager.console.kafka.."
    };
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.trafficmanager.console");

    @Test
    void writePathNeverImportsJavaFx() {
        noClasses().that().resideInAnyPackage(WRITE_PATH)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(CLASSES);
    }

    @Test
    void writePathDoesNotDependOnUiOrApp() {
        noClasses().that().resideInAnyPackage(WRITE_PATH)
                .should().dependOnClassesThat().resideInAnyPackage("com.trafficmanager.console.ui..",
                        "com.trafficmanager.console.app..", "com.trafficmanager.console.bench..")
                .check(CLASSES);
    }
}
