package io.miglab.core.sizing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.miglab.core.MigLabException;
import io.miglab.core.TextFiles;
import io.miglab.core.ledger.Artifact;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.metrics.PodSample;
import io.miglab.core.metrics.SamplesCsv;
import io.miglab.core.metrics.kubernetes.KubeClients;
import io.miglab.core.sizing.apply.ManifestApplier;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** {@link Sizings} on a workspace's ledger. */
public final class SizingService implements Sizings {
    private final Ledger ledger;
    private final ManifestApplier applier;

    public SizingService(Ledger ledger) {
        this(ledger, context -> KubeClients.open(context, Duration.ofSeconds(30)));
    }

    /** @param clients a client for a kubeconfig context (null: the current one); tests pass the mock server's */
    public SizingService(Ledger ledger, Function<String, KubernetesClient> clients) {
        this.ledger = ledger;
        this.applier = new ManifestApplier(clients);
    }

    @Override
    public ManifestApplier.Plan planApply(Path manifest, String context, String namespace) {
        return applier.plan(manifest, context, namespace);
    }

    @Override
    public ManifestApplier.Applied apply(Path manifest, String context, String namespace) {
        return applier.apply(manifest, context, namespace);
    }

    @Override
    public SizingReport size(SizingRequest request) {
        List<PodSample> samples = request.samples();
        if (request.container() != null) {
            samples = samples.stream()
                    .filter(s -> s.container().equals(request.container()))
                    .toList();
            if (samples.isEmpty()) {
                throw new MigLabException("No samples of container '" + request.container() + "'; the samples have "
                        + String.join(
                                ", ",
                                request.samples().stream()
                                        .map(PodSample::container)
                                        .distinct()
                                        .toList())
                        + ".");
            }
        }
        return Sizer.size(samples, request.rules(), request.headroomPercent(), request.current());
    }

    @Override
    public List<ManifestPatcher.Found> readManifest(Path manifest, String container) {
        return ManifestPatcher.find(
                TextFiles.read(manifest, TextFiles.DEFAULT_MAX_BYTES, "the manifest"),
                container,
                manifest.getFileName().toString());
    }

    @Override
    public PatchedManifest patchManifest(Path manifest, String container, Resources resources, Path out) {
        try {
            if (Files.exists(out) && Files.isSameFile(out, manifest)) {
                throw new MigLabException("Write the patched manifest to another file than " + manifest + ".");
            }
            ManifestPatcher.Patch patch = ManifestPatcher.patch(
                    TextFiles.read(manifest, TextFiles.DEFAULT_MAX_BYTES, "the manifest"),
                    container,
                    resources,
                    manifest.getFileName().toString());
            Files.writeString(out, patch.text(), StandardCharsets.UTF_8);
            return new PatchedManifest(out, patch, ManifestPatcher.applyCommand(patch, out.toString()));
        } catch (IOException e) {
            throw new MigLabException("Cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<io.miglab.core.ledger.Experiment> recordings(int limit) {
        return ledger.withArtifact(SAMPLES_ARTIFACT, limit);
    }

    @Override
    public List<PodSample> samplesOf(long experimentId) {
        ledger.find(experimentId)
                .orElseThrow(() -> new MigLabException("There is no experiment " + experimentId + "."));
        Artifact artifact = ledger.artifacts(experimentId).stream()
                .filter(a -> a.name().equals(SAMPLES_ARTIFACT))
                .findFirst()
                .orElseThrow(() -> new MigLabException("Experiment " + experimentId + " recorded no pod samples ("
                        + SAMPLES_ARTIFACT + "); record them with miglab k8s top --record, or pass --samples."));
        String text = new String(ledger.artifactContent(artifact.id()), StandardCharsets.UTF_8);
        return SamplesCsv.read(new StringReader(text), "experiment " + experimentId + " " + SAMPLES_ARTIFACT);
    }
}
