package io.miglab.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import io.miglab.core.migrate.upgrade.UpgradeRequest;
import io.miglab.core.playbook.Playbook;
import io.miglab.core.playbook.PlaybookLoader;
import io.miglab.core.playbook.PlaybookStep;
import io.miglab.core.workload.BaselineRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShippedPlaybooksTest {

    @Test
    void everyShippedPlaybookLoadsWithTitledSteps() {
        assertThat(ShippedPlaybooks.all()).isNotEmpty().allSatisfy(playbook -> {
            assertThat(playbook.steps()).isNotEmpty();
            assertThat(playbook.steps()).allSatisfy(step -> {
                assertThat(step.title()).isNotBlank();
                assertThat(step.summary()).as(step.id()).isNotBlank();
            });
        });
    }

    @Test
    void pagilaStarterFollowsTheLabOrder() {
        Playbook pagila = ShippedPlaybooks.defaultPlaybook();
        assertThat(pagila.id()).isEqualTo("pagila-starter");
        assertThat(pagila.steps())
                .extracting(PlaybookStep::id)
                .containsSubsequence("dataset", "inventory", "baseline", "explain", "indexes", "migrate", "validate");
    }

    @Test
    void pagilaStartersMigrateStepCarriesTheUpgradeRehearsalsRequest() {
        PlaybookStep migrate = ShippedPlaybooks.defaultPlaybook().steps().stream()
                .filter(s -> s.id().equals("migrate"))
                .findFirst()
                .orElseThrow();
        UpgradeRequest request = UpgradeRequest.fromParameters(
                migrate.stepParameters(), new BaselineRequest.WorkloadSource.File(java.nio.file.Path.of("w.sql")));
        assertThat(request.from()).isEqualTo("old");
        assertThat(request.database()).isEqualTo("pagila");
        assertThat(request.toMajor()).isEqualTo(16);
        assertThat(request.to()).isEqualTo("old-pg16");
        assertThat(migrate.summary()).contains("miglab upgrade rehearse --from old --database pagila --to-version 16");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'id: x\ntitle: [unclosed' | not valid YAML at line 2",
                "'- just\n- a list' | must be a YAML mapping",
                "'id: x\ntitle: T\nsteps: []' | non-empty list 'steps'",
                "'id: x\ntitle: T\nsteps:\n  - id: a\n    title: A\n  - id: a\n    title: B' | steps[1].id 'a' is used twice",
                "'id: x\ntitle: T\nsteps:\n  - id: a' | 'steps[0].title' is missing",
                "'id: Bad Id\ntitle: T\nsteps:\n  - id: a\n    title: A' | 'id' is 'Bad Id'",
                "'id: x\ntitle: T\nsteps:\n  - id: a\n    title: A\n    parameters: [1]' | 'steps[0].parameters' must be a mapping",
                "'id: x\ntitle: T\nsteps:\n  - id: a\n    title: A\n    parameters:\n      p: [1]' | 'steps[0].parameters.p' must be a text",
            })
    void malformedPlaybooksNameWhereTheyWentWrong(String yaml, String expected) {
        assertThatThrownBy(() -> PlaybookLoader.load(
                        new ByteArrayInputStream(yaml.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8)),
                        "broken.yaml"))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("broken.yaml")
                .hasMessageContaining(expected);
    }

    @Test
    void unknownNameListsTheShippedOnes() {
        assertThatThrownBy(() -> ShippedPlaybooks.load("nope"))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("no shipped playbook named 'nope'");
    }
}
