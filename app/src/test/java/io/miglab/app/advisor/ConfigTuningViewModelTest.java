package io.miglab.app.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeConfigAdvisor;
import io.miglab.app.FakeTargets;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.advisor.config.PgTuneInputs;
import io.miglab.core.advisor.config.Recommendation;
import io.miglab.core.advisor.config.SettingDiff;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.units.Sizes;
import io.miglab.core.workload.Workload;
import io.miglab.datasets.pagila.PagilaWorkload;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Config tuning page's view model against an in-memory advisor and the shared database choice. */
class ConfigTuningViewModelTest {
    final FakeTargets targets = new FakeTargets().with("lab", TargetRole.LAB, "postgres", "pagila");
    final FakeConfigAdvisor advisor = new FakeConfigAdvisor();
    final RecordingDialogs dialogs = new RecordingDialogs();
    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final SimpleStringProperty current = new SimpleStringProperty("lab");
    final DatabaseChoice choice = new DatabaseChoice(targets, runner, current);
    final SimpleObjectProperty<Workload> workload = new SimpleObjectProperty<>();
    final AtomicInteger recorded = new AtomicInteger();
    ConfigTuningViewModel model;

    @BeforeEach
    void setUp() {
        choice.refresh();
        choice.choose("pagila");
        model = new ConfigTuningViewModel(
                advisor, choice, runner, dialogs, current, workload, recorded::incrementAndGet);
        model.prefill();
    }

    private String value(String name) {
        return model.settings().stream()
                .filter(r -> r.name().equals(name))
                .map(Recommendation::value)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void prefillTakesTheMachineAndTheTargetsVersionAndComputesAndComparesTheAdvice() {
        assertThat(model.ramProperty().get()).isEqualTo("8GB");
        assertThat(model.cpusProperty().get()).isEqualTo(4);
        assertThat(model.versionProperty().get()).isEqualTo(16);
        assertThat(model.prefillNoteProperty().get())
                .isEqualTo("Prefilled from this machine: 8.0 GB (cgroup v2 memory.max), 4 CPUs (available processors);"
                        + " PostgreSQL 16 from lab.");
        assertThat(value("shared_buffers")).isEqualTo("2GB");
        assertThat(value("work_mem")).isEqualTo("10280kB");
        assertThat(model.confProperty().get())
                .contains("shared_buffers = 2GB\n")
                .startsWith("# WARNING: ");
        assertThat(model.diff()).hasSize(model.settings().size());
        assertThat(model.diffNoteProperty().get())
                .isEqualTo("17 of 19 settings change on lab, 5 of them on a restart.");
    }

    @Test
    void changingAnInputRecomputesAtOnceAndABadOneIsOneLineWithoutLosingTheAdvice() {
        model.ramProperty().set("2GB");
        model.typeProperty().set(PgTuneInputs.DbType.DW);

        assertThat(value("shared_buffers")).isEqualTo("512MB");
        assertThat(value("default_statistics_target")).isEqualTo("500");

        model.ramProperty().set("8XB");

        assertThat(model.inputProblemProperty().get())
                .isEqualTo("Memory takes a size such as 64kB, 16MB or 1GB, not '8XB'.");
        assertThat(value("shared_buffers")).isEqualTo("512MB");

        model.connectionsProperty().set("lots");
        model.ramProperty().set("2GB");
        assertThat(model.inputProblemProperty().get())
                .isEqualTo("Connections takes a whole number, or nothing for the type's own.");
    }

    @Test
    void applyShowsTheAlterSystemTextFirstThenAppliesTheInputsOnTheChosenDatabase() {
        model.apply();

        assertThat(dialogs.confirmations).singleElement().satisfies(q -> assertThat(q)
                .startsWith("Apply 17 settings to lab?: MigLab takes a snapshot of the current values, then runs:")
                .contains("ALTER SYSTEM SET shared_buffers = '2GB';\n")
                .doesNotContain("wal_compression")
                .contains("SELECT pg_reload_conf();")
                .contains("a lab instance is restarted"));
        assertThat(advisor.applies).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("lab");
            assertThat(r.database()).isEqualTo("pagila");
            assertThat(r.inputs().ramBytes()).isEqualTo(8 * Sizes.GB);
        });
        assertThat(model.lastApplyProperty().get().experimentId()).isEqualTo(100);
        assertThat(model.summaryProperty().get())
                .isEqualTo("Experiment #100: 17 settings applied, the lab instance restarted. Roll back puts them back"
                        + " as they were.");
        assertThat(recorded).hasValue(1);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aDeclinedConfirmationChangesNothing() {
        dialogs.answer = false;

        model.apply();

        assertThat(advisor.applies).isEmpty();
        assertThat(model.lastApplyProperty().get()).isNull();
    }

    @Test
    void aLockedTargetGetsTheSqlOnlyAndNothingIsApplied() {
        advisor.writable = false;
        model.refreshDiff();

        model.apply();

        assertThat(advisor.applies).isEmpty();
        assertThat(dialogs.confirmations).isEmpty();
        assertThat(dialogs.errors).singleElement().satisfies(e -> assertThat(e)
                .startsWith("Apply settings: Writes are locked on guarded target 'lab': nothing was changed.")
                .contains("ALTER SYSTEM SET work_mem = '10280kB';"));
        assertThat(model.diffNoteProperty().get()).endsWith("the target is locked, so Apply shows the SQL only.");
    }

    @Test
    void rollBackUndoesTheLastApplyAfterAsking() {
        model.apply();

        model.rollback();

        assertThat(advisor.rollbacks).containsExactly(100L);
        assertThat(dialogs.confirmations).last().satisfies(q -> assertThat(q)
                .startsWith("Roll back experiment #100?: MigLab puts back the 17 settings as they were:")
                .contains("ALTER SYSTEM RESET shared_buffers;"));
        assertThat(model.lastApplyProperty().get()).isNull();
        assertThat(model.summaryProperty().get())
                .isEqualTo("Experiment #101 rolled back experiment #100; the lab instance restarted.");
    }

    @Test
    void proveRunsTheAbOfTheLastApplyWithTheBundledWorkloadWhenThePageHasNone() {
        model.apply();
        model.roundsProperty().set(4);
        model.iterationsProperty().set(3);

        model.prove();

        assertThat(advisor.proves).singleElement().satisfies(p -> {
            assertThat(p.applyExperiment()).isEqualTo(100);
            assertThat(p.database()).isEqualTo("pagila");
            assertThat(p.rounds()).isEqualTo(4);
            assertThat(p.round().iterations()).isEqualTo(3);
        });
        assertThat(model.abResultProperty().get().comparison().statements())
                .hasSize(PagilaWorkload.bundled().statements().size());
        assertThat(model.summaryProperty().get())
                .startsWith("Experiment #1: the recommended settings against the settings before, 4 interleaved"
                        + " pairs of rounds: "
                        + PagilaWorkload.bundled().statements().size() + " faster");
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void proveBeforeAnyApplyIsOneError() {
        model.prove();

        assertThat(advisor.proves).isEmpty();
        assertThat(dialogs.errors)
                .containsExactly("Prove: Apply the settings first: the A/B test compares before and after.");
    }

    @Test
    void withoutATargetTheAdviceStandsAndTheDiffSaysWhatIsMissing() {
        current.set(null);
        model.recompute();

        assertThat(model.diff()).isEmpty();
        assertThat(model.diffNoteProperty().get()).isEqualTo("Choose a target to compare with its pg_settings.");
        assertThat(model.settings()).extracting(Recommendation::name).contains("shared_buffers");
        assertThat(model.diff()).noneMatch(SettingDiff::differs);
    }
}
