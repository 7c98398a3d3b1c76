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
            .resideInAPackage("io.miglab.app.(*)..")
            .and()
            .resideOutsideOfPackages(
                    "io.miglab.app.(*).view..",
                    "io.miglab.app.shell..",
                    "io.miglab.app.widget..",
                    "io.miglab.app.dialog..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx.scene.control..", "javafx.scene.layout..", "javafx.stage..")
            .because("view models (every feature package but its view sub-package) hold state and commands only,"
                    + " so they are testable without a display");

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
            .orShould()
            .accessField(System.class, "in")
            .because("the CLI owns the standard streams; everything else logs, returns results or asks a dialog");

    @ArchTest
    static final ArchRule standardInputOnlyAtTheCliEntry = noClasses()
            .that()
            .resideInAPackage("io.miglab.app.cli..")
            .and()
            .doNotHaveSimpleName("CliContext")
            .should()
            .accessField(System.class, "in")
            .because("standard input reaches commands through the CLI context, so tests can give it");

    @ArchTest
    static final ArchRule coreNeverSeesTheApp = noClasses()
            .that()
            .resideInAPackage("io.miglab.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.miglab.app..", "javafx..", "org.controlsfx..", "eu.hansolo..", "atlantafx..")
            .because("lab-core is the headless engine; dependencies point from the app to the core only");
}
