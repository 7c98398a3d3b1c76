package io.miglab.app.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeIndexAdvisor;
import io.miglab.app.FakeTargets;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.advisor.index.IndexAdviceRequest;
import io.miglab.core.advisor.index.IndexApplyRequest;
import io.miglab.core.advisor.index.IndexProveRequest;
import io.miglab.core.advisor.index.IndexUndoRequest;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.workload.Workload;
import io.miglab.datasets.pagila.PagilaWorkload;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Index tuning step's view model against an in-memory advisor. */
class IndexTuningViewModelTest {
    final FakeTargets targets = new FakeTargets().with("lab", TargetRole.LAB, "postgres", "pagila");
    final FakeIndexAdvisor advisor = new FakeIndexAdvisor();
    final RecordingDialogs dialogs = new RecordingDialogs();
    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final SimpleStringProperty current = new SimpleStringProperty("lab");
    final DatabaseChoice choice = new DatabaseChoice(targets, runner, current);
    final SimpleObjectProperty<Workload> workload = new SimpleObjectProperty<>(PagilaWorkload.bundled());
    IndexTuningViewModel model;

    @BeforeEach
    void setUp() {
        choice.refresh();
        choice.choose("pagila");
        model = new IndexTuningViewModel(advisor, choice, runner, dialogs, current, workload, () -> {});
    }

    @Test
    void adviceShowsEveryCandidateAndTheKeptSetsSql() {
        model.advise();

        IndexAdviceRequest asked = (IndexAdviceRequest) advisor.requests.get(0);
        assertThat(asked.target()).isEqualTo("lab");
        assertThat(asked.database()).isEqualTo("pagila");
        assertThat(model.candidates()).hasSize(2);
        assertThat(model.sqlProperty().get())
                .isEqualTo("CREATE INDEX CONCURRENTLY IF NOT EXISTS miglab_rental_customer_id ON public.rental"
                        + " (customer_id);\n");
        assertThat(model.summaryProperty().get()).startsWith("2 candidate(s)").contains("1 kept", "1 rejected");
        assertThat(model.canApply().get()).isTrue();
        assertThat(model.canUndo().get()).isFalse();
    }

    @Test
    void buildingAsksFirstWithTheSqlThenProvesWithSpeedAndWritesAndUndoDropsTheSameIndexes() {
        model.advise();
        model.roundsProperty().set(8);

        model.applyAndProve();

        assertThat(dialogs.confirmations).singleElement().asString().contains("CREATE INDEX CONCURRENTLY");
        assertThat(advisor.requests.get(1)).isInstanceOf(IndexApplyRequest.class);
        IndexProveRequest prove = (IndexProveRequest) advisor.requests.get(2);
        assertThat(prove.rounds()).isEqualTo(8);
        assertThat(prove.measureWrites()).isTrue();
        assertThat(prove.build()).isEqualTo(2);
        assertThat(model.proofProperty().get().speed()).isNotNull();
        assertThat(model.proofProperty().get().writes()).isNotNull();
        assertThat(model.buildSummaryProperty().get())
                .startsWith("Built 1 index(es)")
                .contains("experiment #2");
        assertThat(model.canUndo().get()).isTrue();

        model.undo();

        IndexUndoRequest undo = (IndexUndoRequest) advisor.requests.get(3);
        assertThat(undo.undoes()).isEqualTo(2);
        assertThat(undo.indexes()).containsExactly(FakeIndexAdvisor.RENTAL);
        assertThat(model.canUndo().get()).isFalse();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void noBuildWhenTheUserSaysNo() {
        model.advise();
        dialogs.answer = false;

        model.applyAndProve();

        assertThat(advisor.requests).hasSize(1);
        assertThat(model.proofProperty().get()).isNull();
    }

    @Test
    void aLockedGuardedTargetGetsTheSqlAndNoBuild() {
        advisor.writable = false;
        model.advise();

        model.applyAndProve();

        assertThat(advisor.requests).hasSize(1);
        assertThat(dialogs.errors)
                .singleElement()
                .asString()
                .contains("Writes are locked on lab")
                .contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS miglab_rental_customer_id");
        assertThat(model.summaryProperty().get()).endsWith("advice and SQL only.");
    }
}
