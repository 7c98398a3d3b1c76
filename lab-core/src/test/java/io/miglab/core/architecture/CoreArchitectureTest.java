package io.miglab.core.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.miglab.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule noUiToolkits = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..", "org.controlsfx..", "eu.hansolo..", "atlantafx..")
            .because("lab-core is the headless engine the CLI and CI run; the app adapts it to JavaFX");

    @ArchTest
    static final ArchRule noConsoleOutput = noClasses()
            .should()
            .accessField(System.class, "out")
            .orShould()
            .accessField(System.class, "err")
            .because("lab-core reports through return values, progress listeners and SLF4J; only the CLI prints");

    @ArchTest
    static final ArchRule ledgerModelStaysIndependent = noClasses()
            .that()
            .resideInAPackage("io.miglab.core.ledger")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.miglab.core.targets..", "io.miglab.core.plan..", "io.miglab.core.workload..")
            .because("features record into the ledger, never the reverse");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.miglab.core.(*)..")
            .should()
            .beFreeOfCycles()
            .because(
                    "features build on each other one way (plan on targets, workload on inventory); a cycle would make them one tangle");

    @ArchTest
    static final ArchRule findingModelStaysIndependent = noClasses()
            .that()
            .resideInAPackage("io.miglab.core.finding")
            .should()
            .dependOnClassesThat(resideInAPackage("io.miglab..").and(resideOutsideOfPackage("io.miglab.core.finding")))
            .because("inventory, plans, advisors and reports all speak the one finding model; it depends on none"
                    + " of them");
}
