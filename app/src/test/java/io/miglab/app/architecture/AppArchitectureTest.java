package io.miglab.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(
        packages = "io.miglab",
        importOptions = {ImportOption.DoNotIncludeTests.class, AppArchitectureTest.NoTestJars.class})
class AppArchitectureTest {

    /** lab-core's test support arrives as a test jar, which DoNotIncludeTests does not recognise. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }

    @ArchTest
    static final ArchRule viewModelsStayFreeOfControls = noClasses()
            .that()
            .haveSimpleNameEndingWith("ViewModel")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx.scene.control..", "javafx.scene.layout..", "javafx.stage..")
            .because("view models hold state and commands only, so they are testable without a display");

    @ArchTest
    static final ArchRule onlyTheCliPrints = noClasses()
            .that()
            .resideOutsideOfPackage("io.miglab.app.cli..")
            .and()
            .doNotHaveFullyQualifiedName("io.miglab.app.Launcher")
            .should()
            .accessField(System.class, "out")
            .orShould()
            .accessField(System.class, "err")
            .because("the CLI owns stdout and stderr; everything else logs or returns results");

    @ArchTest
    static final ArchRule coreNeverSeesTheApp = noClasses()
            .that()
            .resideInAPackage("io.miglab.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.miglab.app..", "javafx..", "org.controlsfx..", "eu.hansolo..", "atlantafx..")
            .because("lab-core is the headless engine; dependencies point from the app to the core only");
}
