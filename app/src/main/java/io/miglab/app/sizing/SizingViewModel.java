package io.miglab.app.sizing;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.ledger.ExperimentLabels;
import io.miglab.app.task.Errors;
import io.miglab.app.task.PageJob;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.MigLabException;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.metrics.PodSample;
import io.miglab.core.metrics.SamplesCsv;
import io.miglab.core.sizing.ManifestPatcher;
import io.miglab.core.sizing.Resources;
import io.miglab.core.sizing.SizingReport;
import io.miglab.core.sizing.SizingReport.ContainerSizing;
import io.miglab.core.sizing.SizingReport.Recommendation;
import io.miglab.core.sizing.SizingRule;
import io.miglab.core.sizing.Sizings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Pod sizing step: samples from a CSV file or a recording experiment, the four rules side by side per container,
 * CPU and memory over time with the chosen rule's requests and limits drawn on them, the Job's runs, and the user's
 * manifest patched with the chosen rule.
 */
public final class SizingViewModel {
    static final List<DialogService.FileType> SAMPLE_FILES =
            List.of(DialogService.FileType.of("Samples (*.csv)", "*.csv"), DialogService.FileType.ALL);
    static final List<DialogService.FileType> MANIFESTS = List.of(
            DialogService.FileType.of("Manifests (*.yaml, *.yml)", "*.yaml", "*.yml"), DialogService.FileType.ALL);

    private final Sizings sizings;
    private final TaskRunner runner;
    private final DialogService dialogs;

    private final IntegerProperty headroom = new SimpleIntegerProperty(50);
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("");
    private final ObservableList<PodSample> samples = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<SizingReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<String> containers = FXCollections.observableArrayList();
    private final ObjectProperty<String> container = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<ContainerSizing> sizing = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Recommendation> recommendations = FXCollections.observableArrayList();
    private final ObjectProperty<SizingRule> chosenRule = new SimpleObjectProperty<>(SizingRule.JOB);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper patchNote = new ReadOnlyStringWrapper("");
    private final PageJob job = new PageJob();
    private final ReadOnlyObjectWrapper<Path> lastPatched = new ReadOnlyObjectWrapper<>();

    public SizingViewModel(Sizings sizings, TaskRunner runner, DialogService dialogs) {
        this.sizings = sizings;
        this.runner = runner;
        this.dialogs = dialogs;
        container.addListener((obs, old, now) -> showContainer());
        headroom.addListener((obs, old, now) -> recompute());
    }

    /** Asks for a samples file and sizes from it. */
    public void openSamples() {
        dialogs.openFile("Open pod samples", SAMPLE_FILES).ifPresent(this::loadSamples);
    }

    public void loadSamples(Path file) {
        load(
                "Reading " + file.getFileName(),
                () -> SamplesCsv.read(file),
                file.getFileName().toString());
    }

    /**
     * Lists the experiments that recorded samples (Live metrics recordings, Job runs, loads), newest first, asks for
     * one and sizes from it.
     */
    public void chooseExperiment() {
        job.submit(
                runner,
                "Finding recordings",
                (p, c) -> sizings.recordings(100),
                found -> {
                    if (found.isEmpty()) {
                        dialogs.showError(
                                "Pod sizing",
                                "No experiment has recorded samples yet: record on the Live metrics page, run a load"
                                        + " on the Migrate step, or run experiment Jobs on a cluster.");
                        return;
                    }
                    Map<String, Long> ids = new LinkedHashMap<>();
                    for (Experiment e : found) {
                        ids.put(
                                "#" + e.id() + "  " + ExperimentLabels.kind(e.kind()) + "  "
                                        + ExperimentLabels.startedShort(e) + "  " + e.title(),
                                e.id());
                    }
                    List<String> labels = List.copyOf(ids.keySet());
                    dialogs.choose("Pod sizing", "Size from the samples of", labels, labels.get(0))
                            .ifPresent(label -> loadExperiment(ids.get(label)));
                },
                error -> dialogs.showError("Pod sizing", Errors.userMessage(error)));
    }

    /** Sizes from the samples an experiment recorded (miglab k8s top --record, a Job run). */
    public void loadExperiment(long experimentId) {
        load(
                "Reading experiment " + experimentId,
                () -> sizings.samplesOf(experimentId),
                "experiment #" + experimentId);
    }

    private void load(String title, java.util.function.Supplier<List<PodSample>> read, String name) {
        job.submit(
                runner,
                title,
                (p, c) -> read.get(),
                read1 -> {
                    samples.setAll(read1);
                    source.set(name);
                    recompute();
                },
                error -> dialogs.showError("Pod sizing", Errors.userMessage(error)));
    }

    private void recompute() {
        if (samples.isEmpty()) {
            return;
        }
        try {
            SizingReport r = sizings.size(new Sizings.SizingRequest(
                    List.copyOf(samples), List.of(SizingRule.values()), headroom.get(), null, Map.of()));
            report.set(r);
            List<String> names = r.containers().stream()
                    .map(ContainerSizing::container)
                    .distinct()
                    .toList();
            containers.setAll(names);
            if (container.get() == null || !names.contains(container.get())) {
                container.set(names.get(0));
            } else {
                showContainer();
            }
        } catch (MigLabException e) {
            dialogs.showError("Pod sizing", Errors.userMessage(e));
        }
    }

    private void showContainer() {
        SizingReport r = report.get();
        ContainerSizing cs = r == null
                ? null
                : r.containers().stream()
                        .filter(c -> c.container().equals(container.get()))
                        .findFirst()
                        .orElse(null);
        // The figures first: a view redrawing on the sizing's change reads them.
        recommendations.setAll(cs == null ? List.of() : cs.recommendations());
        sizing.set(cs);
        if (cs == null) {
            summary.set("");
            return;
        }
        SizingReport.History h = cs.history();
        summary.set(String.format(
                Locale.ROOT,
                "%s/%s from %s: %,d samples of %d pod(s) over %s, every %.0f s. CPU mean %.0fm, p95 %.0fm, max %.0fm;"
                        + " memory mean %s, max %s.",
                cs.namespace(),
                cs.container(),
                source.get(),
                h.samples(),
                h.pods(),
                io.miglab.core.sizing.Sizer.human(h.span()),
                h.interval().toMillis() / 1000.0,
                h.cpu().mean(),
                h.cpu().p95(),
                h.cpu().max(),
                Resources.memoryQuantity((long) h.memory().mean()),
                Resources.memoryQuantity((long) h.memory().max())));
    }

    /** The chosen rule's resources for the selected container, or null. */
    public Resources chosenResources() {
        return recommendations.stream()
                .filter(r -> r.rule() == chosenRule.get())
                .map(Recommendation::resources)
                .findFirst()
                .orElse(null);
    }

    /** Asks for the manifest and where the patched copy goes, then writes it with the chosen rule's resources. */
    public void patchManifest() {
        Resources sized = chosenResources();
        String name = container.get();
        if (sized == null || name == null) {
            dialogs.showError("Pod sizing", "Open samples first: the patch uses the chosen rule's figures.");
            return;
        }
        dialogs.openFile("Manifest to patch", MANIFESTS).ifPresent(manifest -> {
            String file = manifest.getFileName().toString();
            int dot = file.lastIndexOf('.');
            String suggested = dot > 0 ? file.substring(0, dot) + ".sized" + file.substring(dot) : file + ".sized.yaml";
            dialogs.saveFile("Save the patched manifest", suggested, MANIFESTS)
                    .ifPresent(out -> job.submit(
                            runner,
                            "Patching " + file,
                            (p, c) -> sizings.patchManifest(manifest, name, sized, out),
                            patched -> {
                                lastPatched.set(patched.file());
                                patchNote.set("Wrote " + patched.file().getFileName() + " ("
                                        + String.join(", ", patched.patch().workloads()) + ", "
                                        + chosenRule.get().id()
                                        + " rule): " + patched.patch().before().get(0) + "  ->  " + sized
                                        + ". Apply it with: " + patched.applyCommand());
                            },
                            error -> dialogs.showError("Pod sizing", Errors.userMessage(error))));
        });
    }

    /**
     * Applies the last patched manifest through the Kubernetes client, on the kubeconfig's current context, after
     * showing what changes where and asking.
     */
    public void applyPatched() {
        Path file = lastPatched.get();
        if (file == null) {
            dialogs.showError("Pod sizing", "Patch a manifest first: that file is what gets applied.");
            return;
        }
        job.submit(
                runner,
                "Reading the cluster",
                (p, c) -> sizings.planApply(file, null, null),
                plan -> {
                    if (!dialogs.confirm(
                            "Apply to the cluster",
                            "Apply " + file.getFileName() + " on context " + plan.context() + "?\n\n"
                                    + String.join("\n", plan.objects())
                                    + "\n\nOnly the containers' resources change in objects that exist.")) {
                        return;
                    }
                    job.submit(
                            runner,
                            "Applying " + file.getFileName(),
                            (p, c) -> sizings.apply(file, null, null),
                            applied -> {
                                patchNote.set("Applied on context " + applied.context() + ": "
                                        + String.join(", ", applied.objects()) + ".");
                                dialogs.notify("Applied " + file.getFileName());
                            },
                            error -> dialogs.showError("Apply to the cluster", Errors.userMessage(error)));
                },
                error -> dialogs.showError("Apply to the cluster", Errors.userMessage(error)));
    }

    public ReadOnlyObjectProperty<Path> lastPatchedProperty() {
        return lastPatched.getReadOnlyProperty();
    }

    /** The container's samples in time order, for the charts. */
    public List<PodSample> containerSamples() {
        String name = container.get();
        return samples.stream()
                .filter(s -> s.container().equals(name))
                .sorted(java.util.Comparator.comparing(PodSample::at))
                .toList();
    }

    /** For patching tests and callers with files at hand. */
    ManifestPatcher.Found currentOf(Path manifest) {
        return sizings.readManifest(manifest, container.get()).get(0);
    }

    public IntegerProperty headroomProperty() {
        return headroom;
    }

    public ReadOnlyStringProperty sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public ObservableList<PodSample> samples() {
        return samples;
    }

    public ReadOnlyObjectProperty<SizingReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ObservableList<String> containers() {
        return containers;
    }

    public ObjectProperty<String> containerProperty() {
        return container;
    }

    public ReadOnlyObjectProperty<ContainerSizing> sizingProperty() {
        return sizing.getReadOnlyProperty();
    }

    public ObservableList<Recommendation> recommendations() {
        return recommendations;
    }

    public ObjectProperty<SizingRule> chosenRuleProperty() {
        return chosenRule;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty patchNoteProperty() {
        return patchNote.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }
}
