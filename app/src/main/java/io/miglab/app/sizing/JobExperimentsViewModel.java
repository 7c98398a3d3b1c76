package io.miglab.app.sizing;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.task.Errors;
import io.miglab.app.task.PageJob;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.TextFiles;
import io.miglab.core.sizing.jobs.JobExperimentRequest;
import io.miglab.core.sizing.jobs.JobExperiments;
import io.miglab.core.sizing.jobs.JobMatrix;
import io.miglab.core.sizing.jobs.JobVariant;
import io.miglab.core.sizing.jobs.VariantResult;
import io.miglab.core.units.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Experiment Jobs on the Pod sizing step: the user's Job manifest run once per variant (one per line, as the CLI's
 * {@code --variant}) and repeated, one Job at a time on the cluster; the variants ranked by median duration with
 * their spread and the ratio to the fastest with its interval.
 */
public final class JobExperimentsViewModel {
    private final JobExperiments jobs;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final Runnable onFinished;

    private final ObjectProperty<Path> manifest = new SimpleObjectProperty<>();
    private final StringProperty container = new SimpleStringProperty("");
    private final StringProperty variants =
            new SimpleStringProperty("as-is\nmore-cpu:cpu=2,limit-cpu=2\ngomaxprocs-3:env.GOMAXPROCS=3");
    private final IntegerProperty repeats = new SimpleIntegerProperty(3);
    private final StringProperty timeout = new SimpleStringProperty("30m");
    private final StringProperty context = new SimpleStringProperty("");
    private final StringProperty namespace = new SimpleStringProperty("");
    private final ObservableList<VariantResult> results = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final PageJob job = new PageJob();

    public JobExperimentsViewModel(JobExperiments jobs, TaskRunner runner, DialogService dialogs, Runnable onFinished) {
        this.jobs = jobs;
        this.runner = runner;
        this.dialogs = dialogs;
        this.onFinished = onFinished;
    }

    public void chooseManifest() {
        dialogs.openFile("Open the Job manifest", SizingViewModel.MANIFESTS).ifPresent(manifest::set);
    }

    /** Checks the form, then runs every variant's Jobs in the background; Esc or Cancel deletes the running Job. */
    public void run() {
        JobExperimentRequest request;
        try {
            request = request();
        } catch (MigLabException e) {
            dialogs.showError("Experiment Jobs", Errors.userMessage(e));
            return;
        }
        int runs = request.variants().size() * request.repeats();
        job.submit(
                runner,
                "Running " + runs + " Job(s), one at a time",
                (progress, cancellation) -> jobs.run(request, progress, cancellation),
                this::show,
                error -> {
                    if (error instanceof CancelledException) {
                        summary.set("Cancelled: the running Job was deleted; the runs so far are in the ledger.");
                        onFinished.run();
                        return;
                    }
                    summary.set("Stopped: " + Errors.userMessage(error));
                    dialogs.showError("Experiment Jobs", Errors.userMessage(error));
                });
    }

    JobExperimentRequest request() {
        Path file = manifest.get();
        if (file == null) {
            throw new MigLabException("Choose the Job manifest to run.");
        }
        if (container.get() == null || container.get().isBlank()) {
            throw new MigLabException("Name the container the variants change.");
        }
        List<JobVariant> parsed = new ArrayList<>();
        String[] lines = variants.get().split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank() || lines[i].strip().startsWith("#")) {
                continue;
            }
            try {
                parsed.add(JobVariant.parse(lines[i].strip()));
            } catch (MigLabException e) {
                throw new MigLabException("Variants, line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (parsed.isEmpty()) {
            throw new MigLabException(
                    "Write at least one variant, one per line: a bare label runs the manifest as it is,"
                            + " label:cpu=2,env.GOMAXPROCS=3 changes it.");
        }
        Duration perRun = Durations.parse(timeout.get().strip(), "the timeout");
        String text = TextFiles.read(file, TextFiles.DEFAULT_MAX_BYTES, "the manifest");
        return new JobExperimentRequest(
                text,
                file.getFileName().toString(),
                container.get(),
                parsed,
                repeats.get(),
                blankToNull(context.get()),
                blankToNull(namespace.get()),
                perRun);
    }

    /** Shows a finished matrix: the variants ranked, the summary, the experiments list refreshed. */
    public void show(JobMatrix m) {
        results.setAll(m.variants());
        int ran = m.variants().stream().mapToInt(v -> v.runs().size()).sum();
        VariantResult fastest = m.variants().isEmpty() ? null : m.variants().get(0);
        summary.set("Experiment #" + m.experimentId() + " in namespace " + m.namespace() + ": " + ran + " run(s)"
                + (fastest == null || fastest.median() == null
                        ? "; no variant succeeded."
                        : "; fastest " + fastest.variant().label() + " at a median of "
                                + Durations.format(fastest.median())
                                + ". Each run is an experiment: size the pod from one with From an experiment."));
        onFinished.run();
    }

    public void cancel() {
        job.cancel();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public ObjectProperty<Path> manifestProperty() {
        return manifest;
    }

    public StringProperty containerProperty() {
        return container;
    }

    public StringProperty variantsProperty() {
        return variants;
    }

    public IntegerProperty repeatsProperty() {
        return repeats;
    }

    public StringProperty timeoutProperty() {
        return timeout;
    }

    public StringProperty contextProperty() {
        return context;
    }

    public StringProperty namespaceProperty() {
        return namespace;
    }

    public ObservableList<VariantResult> results() {
        return results;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return job.progressProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return job.messageProperty();
    }
}
