package io.miglab.app.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.playbook.PlaybookProgress;
import io.miglab.core.playbook.StepStatus;
import io.miglab.playbooks.ShippedPlaybooks;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookViewModelTest {
    @TempDir
    Path dir;

    @Test
    void stepStatusesAreRememberedAcrossSessions() {
        try (Ledger ledger = Ledger.open(dir.resolve("lab.db"))) {
            PlaybookViewModel first = model(ledger);
            first.load();
            assertThat(first.steps()).allSatisfy(s -> assertThat(s.status()).isEqualTo(StepStatus.NOT_STARTED));
            first.setStatus(first.steps().get(0), StepStatus.DONE);
            first.setStatus(first.steps().get(1), StepStatus.SKIPPED);
            assertThat(first.finishedCount()).isEqualTo(2);
        }
        try (Ledger ledger = Ledger.open(dir.resolve("lab.db"))) {
            PlaybookViewModel again = model(ledger);
            again.load();
            assertThat(again.steps().get(0).status()).isEqualTo(StepStatus.DONE);
            assertThat(again.steps().get(1).status()).isEqualTo(StepStatus.SKIPPED);
            assertThat(again.steps().get(2).status()).isEqualTo(StepStatus.NOT_STARTED);
        }
    }

    private static PlaybookViewModel model(Ledger ledger) {
        return new PlaybookViewModel(
                ShippedPlaybooks.defaultPlaybook(),
                new PlaybookProgress(ledger, Clock.systemUTC()),
                new SameThreadTaskRunner(),
                new RecordingDialogs());
    }
}
