package io.miglab.core.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import io.miglab.core.Parameters;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an A/B request accepts, from code and from a playbook step. No server needed. */
class AbRequestTest {
    @Test
    void roundsGoABBAsoASteadyDriftHitsBothSidesAlike() {
        assertThat(AbRequest.order(4)).containsExactly('A', 'B', 'B', 'A', 'A', 'B', 'B', 'A');
        assertThat(AbRequest.order(5)).filteredOn(c -> c == 'A').hasSize(5);
    }

    @Test
    void aPlaybookStepGivesTheSidesRoundsAndPassesAndRefusesWhatItDoesNotKnow() {
        AbRequest r = AbRequest.fromParameters(Parameters.of(
                "step 'index-ab'",
                Map.of(
                        "target", "lab",
                        "workload", "w.sql",
                        "a-setup", "DROP INDEX IF EXISTS x",
                        "b-setup", "CREATE INDEX IF NOT EXISTS x ON t (c)",
                        "rounds", "8",
                        "iterations", "3")));

        assertThat(r.workload()).isEqualTo(new BaselineRequest.WorkloadSource.File(Path.of("w.sql")));
        assertThat(r.a().setup()).isEqualTo("DROP INDEX IF EXISTS x");
        assertThat(r.b().hasSetup()).isTrue();
        assertThat(r.rounds()).isEqualTo(8);
        assertThat(r.round().iterations()).isEqualTo(3);
        assertThat(r.proves()).isNull();
        assertThatThrownBy(() -> AbRequest.fromParameters(
                        Parameters.of("step 'x'", Map.of("target", "lab", "workload", "w.sql", "round", "8"))))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("round");
    }

    @Test
    void fewerThanFourRoundsCannotGiveAnIntervalAndAreRefused() {
        assertThatThrownBy(() -> new AbRequest(
                        "lab",
                        null,
                        new BaselineRequest.WorkloadSource.File(Path.of("w.sql")),
                        AbRequest.AbSide.of("A", null),
                        AbRequest.AbSide.of("B", null),
                        3,
                        null,
                        null))
                .isInstanceOf(MigLabException.class)
                .hasMessage("The number of rounds must be from 4 to 100, not 3.");
        assertThatThrownBy(() -> AbRequest.AbSide.of(" ", "SELECT 1")).isInstanceOf(MigLabException.class);
    }
}
