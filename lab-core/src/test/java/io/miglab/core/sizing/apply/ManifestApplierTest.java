package io.miglab.core.sizing.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.miglab.core.MigLabException;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.sizing.Resources;
import io.miglab.core.sizing.SizingService;
import io.miglab.core.sizing.Sizings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sized manifest applied through the client, on fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class ManifestApplierTest {
    static final String DEPLOYMENT =
            """
            # The loader that feeds the warehouse; sized by MigLab.
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: loader
              namespace: etl
            spec:
              replicas: 1
              selector:
                matchLabels: {app: loader}
              template:
                metadata:
                  labels: {app: loader}
                spec:
                  containers:
                    - name: loader
                      image: example/loader:1
                      resources:
                        requests: {cpu: 250m, memory: 256Mi}
            """;

    static final String JOB =
            """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: migrate-orders
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: loader
                      image: example/loader:1
            """;

    KubernetesClient client;

    @TempDir
    Path dir;

    Sizings sizings;

    @BeforeEach
    void setUp() {
        // The applier closes the clients it opens, as it would a real one: give it its own on the mock's config.
        sizings = new SizingService(Ledger.open(dir.resolve("ledger.sqlite")), context -> new KubernetesClientBuilder()
                .withConfig(client.getConfiguration())
                .build());
    }

    @Test
    void aPatchedDeploymentIsCreatedThenConfiguredWithOnlyItsResourcesChanged() throws Exception {
        Path manifest = Files.writeString(dir.resolve("loader.yaml"), DEPLOYMENT);
        Path sized = dir.resolve("loader.sized.yaml");
        sizings.patchManifest(manifest, "loader", new Resources(900, 900, 512L << 20, 768L << 20), sized);

        ManifestApplier.Plan plan = sizings.planApply(sized, null, null);
        assertThat(plan.objects()).containsExactly("Deployment/loader in namespace etl");
        assertThat(sizings.apply(sized, null, null).objects())
                .containsExactly("Deployment/loader in namespace etl created");

        Deployment applied = client.apps()
                .deployments()
                .inNamespace("etl")
                .withName("loader")
                .get();
        var resources =
                applied.getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
        assertThat(resources.getRequests()).containsEntry("cpu", new Quantity("900m"));
        assertThat(resources.getLimits()).containsEntry("memory", new Quantity("768Mi"));

        // An autoscaler (or a person) scaled it since: applying the sizing must not undo that.
        client.apps().deployments().inNamespace("etl").withName("loader").edit(d -> {
            d.getSpec().setReplicas(3);
            return d;
        });
        sizings.patchManifest(manifest, "loader", new Resources(400, 600, 300L << 20, 400L << 20), sized);
        assertThat(sizings.apply(sized, null, null).objects())
                .containsExactly("Deployment/loader in namespace etl configured");
        applied = client.apps()
                .deployments()
                .inNamespace("etl")
                .withName("loader")
                .get();
        assertThat(applied.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getResources()
                        .getRequests())
                .containsEntry("cpu", new Quantity("400m"));
        assertThat(applied.getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void aJobGoesToTheNamespaceAskedForAndAnExistingJobIsRefusedBeforeAnythingIsSent() throws Exception {
        Path job = Files.writeString(dir.resolve("job.yaml"), JOB);
        assertThat(sizings.apply(job, null, "batch").objects())
                .containsExactly("Job/migrate-orders in namespace batch created");
        assertThat(client.batch()
                        .v1()
                        .jobs()
                        .inNamespace("batch")
                        .withName("migrate-orders")
                        .get())
                .isNotNull();

        assertThatThrownBy(() -> sizings.apply(job, null, "batch"))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("Job/migrate-orders in namespace batch already exists")
                .hasMessageContaining("kubectl delete job migrate-orders -n batch");
    }

    @Test
    void aFileWithNoObjectOrANamelessOneIsOneLineNamingTheFile() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing yet\n");
        assertThatThrownBy(() -> sizings.planApply(empty, null, null))
                .isInstanceOf(MigLabException.class)
                .hasMessage("empty.yaml holds no Kubernetes object to apply.");
        Path nameless =
                Files.writeString(dir.resolve("nameless.yaml"), JOB.replace("name: migrate-orders", "labels: {}"));
        assertThatThrownBy(() -> sizings.planApply(nameless, null, null))
                .isInstanceOf(MigLabException.class)
                .hasMessage("nameless.yaml: a Job without metadata.name cannot be applied.");
    }
}
