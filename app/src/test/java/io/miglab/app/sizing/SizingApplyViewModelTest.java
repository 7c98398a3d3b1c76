package io.miglab.app.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.sizing.SizingRule;
import io.miglab.core.sizing.SizingService;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pod sizing's "Apply to cluster", on fabric8's mock API server: asked first, then only the resources change. */
@EnableKubernetesMockClient(crud = true)
class SizingApplyViewModelTest {
    KubernetesClient client;

    @TempDir
    Path dir;

    final RecordingDialogs dialogs = new RecordingDialogs();
    Ledger ledger;
    SizingViewModel model;
    Path sized;

    @BeforeEach
    void setUp() throws Exception {
        ledger = Ledger.open(dir.resolve("lab.db"));
        model = new SizingViewModel(
                new SizingService(ledger, context -> new KubernetesClientBuilder()
                        .withConfig(client.getConfiguration())
                        .build()),
                new SameThreadTaskRunner(),
                dialogs);
        dialogs.files.add(JobSamples.write(dir.resolve("samples.csv")));
        model.openSamples();
        Path manifest = Files.writeString(
                dir.resolve("deploy.yaml"),
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: loader
                  namespace: etl
                spec:
                  selector:
                    matchLabels: {app: loader}
                  template:
                    metadata:
                      labels: {app: loader}
                    spec:
                      containers:
                        - name: loader
                          image: loader:2
                """);
        sized = dir.resolve("deploy.sized.yaml");
        dialogs.files.add(manifest);
        dialogs.files.add(sized);
        model.chosenRuleProperty().set(SizingRule.KRR);
        model.patchManifest();
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void confirmedTheSizedResourcesReachTheCluster() {
        assertThat(model.lastPatchedProperty().get()).isEqualTo(sized);
        dialogs.answer = true;

        model.applyPatched();

        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.confirmations).singleElement().asString().contains("Deployment/loader in namespace etl");
        assertThat(model.patchNoteProperty().get()).contains("Deployment/loader in namespace etl created");
        var requests = client.apps()
                .deployments()
                .inNamespace("etl")
                .withName("loader")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getResources()
                .getRequests();
        String cpu = io.miglab.core.sizing.Resources.cpuQuantity(
                model.chosenResources().cpuRequest());
        assertThat(requests).containsEntry("cpu", new Quantity(cpu));
    }

    @Test
    void declinedNothingIsSent() {
        dialogs.answer = false;

        model.applyPatched();

        assertThat(dialogs.confirmations).hasSize(1);
        assertThat(client.apps().deployments().inNamespace("etl").list().getItems())
                .isEmpty();
        assertThat(model.patchNoteProperty().get()).startsWith("Wrote deploy.sized.yaml");
    }
}
