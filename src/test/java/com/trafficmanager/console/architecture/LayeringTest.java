package com.trafficmanager.console.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Domain and services never import JavaFX, so they run (and are tested) without a toolkit, and the
 * UI stays a thin layer over them.
 */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.trafficmanager.console");

    @Test
    void domainAndServicesDoNotUseJavaFx() {
        // every package but the window's own: a package added later (trace was missed in a list) is covered too
        noClasses().that().resideOutsideOfPackages("com.trafficmanager.console.ui..", "com.trafficmanager.console.app..",
                        "com.trafficmanager.console.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(CLASSES);
    }

    @Test
    void servicesDoNotReachIntoTheUi() {
        noClasses().that().resideOutsideOfPackages("com.trafficmanager.console.ui..", "com.trafficmanager.console.app..",
                        "com.trafficmanager.console.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("com.trafficmanager.console.ui..",
                        "com.trafficmanager.console.app..")
                .check(CLASSES);
    }
}
