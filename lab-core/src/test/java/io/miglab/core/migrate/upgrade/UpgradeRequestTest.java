package io.miglab.core.migrate.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Parameters;
import io.miglab.core.workload.BaselineRequest.WorkloadSource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpgradeRequestTest {
    private static final WorkloadSource GIVEN = new WorkloadSource.File(Path.of("bundled.sql"));

    @Test
    void aPlaybookStepsParametersMakeTheRequestWithTheDefaultWorkloadUnlessAFileIsGiven() {
        UpgradeRequest r = UpgradeRequest.fromParameters(
                Parameters.of("step migrate", Map.of("from", "old", "database", "pagila", "to-version", "16")), GIVEN);
        assertThat(r.to()).isEqualTo("old-pg16");
        assertThat(r.database()).isEqualTo("pagila");
        assertThat(r.workload()).isSameAs(GIVEN);
        assertThat(r.iterations()).isEqualTo(UpgradeRequest.DEFAULT_ITERATIONS);

        UpgradeRequest file = UpgradeRequest.fromParameters(
                Parameters.of(
                        "step migrate",
                        Map.of("from", "old", "to-version", "17", "to", "new", "workload", "w.sql", "jobs", "2")),
                GIVEN);
        assertThat(file.workload()).isEqualTo(new WorkloadSource.File(Path.of("w.sql")));
        assertThat(file.to()).isEqualTo("new");
        assertThat(file.jobs()).isEqualTo(2);
    }

    @Test
    void badRequestsAreRefusedWithStableMessages() {
        assertThatThrownBy(() ->
                        UpgradeRequest.fromParameters(Parameters.of("step migrate", Map.of("from", "old")), GIVEN))
                .hasMessage("step migrate needs the parameter 'to-version'.");
        assertThatThrownBy(() -> UpgradeRequest.fromParameters(
                        Parameters.of("step migrate", Map.of("from", "old", "to-version", "16", "target", "x")), GIVEN))
                .hasMessageStartingWith("step migrate has no parameter 'target'");
        assertThatThrownBy(() -> UpgradeRequest.of("old", null, 14, GIVEN))
                .hasMessage("--to-version must be one of 15, 16, 17, 18, not 14.");
        assertThatThrownBy(() -> new UpgradeRequest("old", null, 16, "old", GIVEN, 5, 1))
                .hasMessage("The rehearsal restores into another lab instance than its source: choose another --to"
                        + " than 'old'.");
        assertThatThrownBy(() -> new UpgradeRequest("old", null, 16, null, GIVEN, 0, 1))
                .hasMessage("Iterations must be from 1 to 100000, not 0.");
        assertThatThrownBy(() -> new UpgradeRequest(" ", null, 16, null, GIVEN, 5, 1))
                .hasMessage("Choose the target to upgrade from (--from).");
    }
}
