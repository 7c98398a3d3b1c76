package io.miglab.app.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeTargets;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.migrate.upgrade.UpgradeRehearsal;
import io.miglab.core.migrate.upgrade.UpgradeRequest;
import io.miglab.core.targets.TargetRole;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;

/** The upgrade rehearsal card against an in-memory rehearsal that answers as the real one does. */
class UpgradeRehearsalViewModelTest {
    final FakeTargets targets = new FakeTargets().with("old", TargetRole.LAB, "postgres", "pagila");
    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final SimpleStringProperty current = new SimpleStringProperty("old");
    final DatabaseChoice choice = new DatabaseChoice(targets, runner, current);
    final RecordingDialogs dialogs = new RecordingDialogs();
    final List<UpgradeRequest> rehearsed = new ArrayList<>();
    boolean pgDumpFits = true;

    final UpgradeRehearsal upgrades = new UpgradeRehearsal() {
        @Override
        public Rehearsal rehearse(UpgradeRequest request, ProgressListener progress, Cancellation cancellation) {
            rehearsed.add(request);
            return new Rehearsal(
                    9,
                    new UpgradeReport(
                            request.from(),
                            request.database(),
                            "15.19",
                            request.to(),
                            "16.15",
                            List.of(
                                    new Step("dump", "passed", 10, 0.6, "21 table(s)"),
                                    new Step("validate", "passed", 12, 0.8, "15 table(s), 49826 row(s) identical")),
                            true,
                            null,
                            null,
                            7.7));
        }

        @Override
        public Offer offer(UpgradeRequest request) {
            return pgDumpFits
                    ? new Offer(true, "miglab upgrade rehearse --from old", null)
                    : new Offer(false, null, "pg_dump 17 or newer is needed for PostgreSQL 17.11 on 'old'.");
        }
    };

    UpgradeRehearsalViewModel model() {
        choice.refresh();
        choice.choose("pagila");
        return new UpgradeRehearsalViewModel(
                upgrades, choice, runner, dialogs, current, new SimpleObjectProperty<>(), () -> {});
    }

    @Test
    void theOfferSaysWhetherThisMachinesPgDumpFitsAndARehearsalListsItsSteps() {
        UpgradeRehearsalViewModel model = model();
        model.checkOffer();
        assertThat(model.offerProperty().get())
                .startsWith("Available: old will be dumped, restored into old-pg16 (PostgreSQL 16)");

        model.rehearse();
        assertThat(rehearsed).singleElement().satisfies(r -> {
            assertThat(r.database()).isEqualTo("pagila");
            assertThat(r.toMajor()).isEqualTo(16);
        });
        assertThat(model.steps()).extracting(UpgradeRehearsal.Step::name).containsExactly("dump", "validate");
        assertThat(model.summaryProperty().get())
                .isEqualTo("PASSED: old (PostgreSQL 15.19) to old-pg16 (PostgreSQL 16.15) in 7.7 s. Experiment #9.");

        pgDumpFits = false;
        model.toMajorProperty().set(17);
        assertThat(model.offerProperty().get()).startsWith("Not available here: pg_dump 17 or newer is needed");
    }
}
