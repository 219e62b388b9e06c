package com.trafficmanager.console.ui.live;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The live tail (package stream) knows nothing of JavaFX, and the tab's view model holds no Node:
 * both run and are tested without a toolkit; only the views touch the scene graph.
 */
class LiveLayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.trafficmanager.console.stream", "com.trafficmanager.console.ui.live");

    @Test
    void theStreamPackageHasNoJavaFx() {
        noClasses().that().resideInAPackage("com.trafficmanager.console.stream..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(CLASSES);
    }

    @Test
    void theViewModelHoldsNoNodes() {
        noClasses().that().haveSimpleNameStartingWith("LiveEventsModel")
                .or().haveSimpleName("LiveFilterModel").or().haveSimpleName("PartitionRow")
                .or().haveSimpleName("EventRows").or().haveSimpleName("ShownRows").or().haveSimpleName("LiveSource")
                .or().haveSimpleName("RowsPacing").or().haveSimpleName("LiveStatus").or().haveSimpleName("ArrivalFilter")
                .or().haveSimpleName("NewWhilePaused").or().haveSimpleName("PartitionOverview")
                .or().haveSimpleName("Refilter")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(CLASSES);
    }
}
