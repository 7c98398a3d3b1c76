package io.miglab.app.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeAbTests;
import io.miglab.app.FakeTargets;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.workload.AbRequest;
import io.miglab.core.workload.Workload;
import io.miglab.datasets.pagila.PagilaWorkload;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The A/B card's view model against an in-memory A/B service and the shared database choice. */
class AbTestViewModelTest {
    final FakeTargets targets = new FakeTargets().with("lab", TargetRole.LAB, "postgres", "pagila");
    final FakeAbTests abTests = new FakeAbTests();
    final RecordingDialogs dialogs = new RecordingDialogs();
    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final SimpleStringProperty current = new SimpleStringProperty("lab");
    final DatabaseChoice choice = new DatabaseChoice(targets, runner, current);
    final SimpleObjectProperty<Workload> workload = new SimpleObjectProperty<>(PagilaWorkload.bundled());
    final AtomicInteger recorded = new AtomicInteger();
    AbTestViewModel model;

    @BeforeEach
    void setUp() {
        choice.refresh();
        choice.choose("pagila");
        model = new AbTestViewModel(abTests, choice, runner, dialogs, current, workload, recorded::incrementAndGet);
    }

    @Test
    void runsBothSetupsOnTheChosenDatabaseWithThePagesWorkloadAndShowsBAgainstA() {
        model.aLabelProperty().set("no index");
        model.aSetupProperty().set("DROP INDEX IF EXISTS x");
        model.bLabelProperty().set("index on inventory(film_id)");
        model.bSetupProperty().set("CREATE INDEX IF NOT EXISTS x ON inventory (film_id)");
        model.roundsProperty().set(8);
        model.iterationsProperty().set(3);

        model.run();

        AbRequest sent = abTests.requests.get(0);
        assertThat(sent.target()).isEqualTo("lab");
        assertThat(sent.database()).isEqualTo("pagila");
        assertThat(sent.a().setup()).isEqualTo("DROP INDEX IF EXISTS x");
        assertThat(sent.b().label()).isEqualTo("index on inventory(film_id)");
        assertThat(sent.rounds()).isEqualTo(8);
        assertThat(sent.round().iterations()).isEqualTo(3);
        assertThat(model.resultProperty().get().comparison().statements())
                .hasSize(PagilaWorkload.bundled().statements().size());
        assertThat(model.summaryProperty().get())
                .startsWith("Experiment #1: index on inventory(film_id) against no index over 8 interleaved pairs")
                .contains(PagilaWorkload.bundled().statements().size() + " faster");
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(recorded).hasValue(1);
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void aRefusedSetupIsOneErrorAndNoResult() {
        model.bSetupProperty().set("REFUSE: CREATE INDEX x ON film (title)");

        model.run();

        assertThat(dialogs.errors)
                .containsExactly("A/B test failed: The setup of B: with the change failed: Writes are locked on lab.");
        assertThat(model.resultProperty().get()).isNull();
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void withoutATargetNothingRuns() {
        current.set(null);

        model.run();

        assertThat(abTests.requests).isEmpty();
        assertThat(dialogs.errors).containsExactly("A/B test: Choose a target and a workload first.");
    }

    @Test
    void aStoredTestOpensAgain() {
        model.run();
        AbTestViewModel other = new AbTestViewModel(abTests, choice, runner, dialogs, current, workload, () -> {});

        other.open(1);

        assertThat(other.resultProperty().get())
                .isEqualTo(model.resultProperty().get());
    }
}
