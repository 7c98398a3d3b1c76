package io.miglab.core.sizing.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.metrics.kubernetes.KubernetesMetricSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RBAC and API refusals, each one line with the command that checks it, and the experiments marked failed. */
@EnableKubernetesMockClient
class JobExperimentErrorsTest {
    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path home;

    JobMatrix run(Ledger ledger) {
        return new JobExperimentService(ledger, client, KubernetesMetricSource::on, Duration.ofMillis(20))
                .run(
                        new JobExperimentRequest(
                                JobExperimentServiceTest.MANIFEST,
                                "job.yaml",
                                "loader",
                                List.of(JobVariant.parse("baseline")),
                                1,
                                null,
                                null,
                                Duration.ofMinutes(1)),
                        ProgressListener.NONE,
                        new Cancellation());
    }

    @Test
    void aForbiddenCreateSaysWhichCanITellsIt() {
        server.expect()
                .post()
                .withPath("/apis/batch/v1/namespaces/etl/jobs")
                .andReturn(
                        403,
                        new StatusBuilder()
                                .withCode(403)
                                .withReason("Forbidden")
                                .withMessage("jobs.batch is forbidden: User \"dev\" cannot create resource \"jobs\"")
                                .build())
                .always();
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            assertThatThrownBy(() -> run(ledger))
                    .isInstanceOf(MigLabException.class)
                    .hasMessage("Forbidden: this user may not create jobs in namespace etl. Check with: kubectl auth"
                            + " can-i create jobs -n etl; a Role granting create, get, delete on jobs (apiGroup batch)"
                            + " and list on pods fixes it.");
            assertThat(ledger.list(ExperimentFilter.ALL)).hasSize(2).allSatisfy(e -> {
                assertThat(e.status()).isEqualTo(ExperimentStatus.FAILED);
                assertThat(e.error()).startsWith("Forbidden: this user may not create jobs");
            });
            long matrix = ledger.list(ExperimentFilter.ALL).stream()
                    .filter(e -> e.kind().equals(JobExperiments.MATRIX_KIND))
                    .findFirst()
                    .orElseThrow()
                    .id();
            // The failed run still belongs to its matrix.
            assertThat(ledger.links(matrix)).hasSize(1);
        }
    }

    @Test
    void aJobLeftByAnEarlierRunIsNamedWithTheDeleteCommand() {
        server.expect()
                .post()
                .withPath("/apis/batch/v1/namespaces/etl/jobs")
                .andReturn(
                        409,
                        new StatusBuilder()
                                .withCode(409)
                                .withReason("AlreadyExists")
                                .build())
                .always();
        try (Ledger ledger = Ledger.open(home.resolve("lab.db"))) {
            assertThatThrownBy(() -> run(ledger))
                    .hasMessage("Job migrate-orders-baseline-1 already exists in namespace etl (left by an earlier"
                            + " run?): delete it with kubectl delete job migrate-orders-baseline-1 -n etl and retry.");
        }
    }
}
