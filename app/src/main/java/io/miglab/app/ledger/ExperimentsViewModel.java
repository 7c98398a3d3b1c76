package io.miglab.app.ledger;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.task.Errors;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.ledger.Artifact;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Experiments;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Experiments page: the ledger's experiments, filtered by text, kind and status; the selected one with its
 * artifacts; delete. Filters are plain properties the view binds to; changing one reloads in the background.
 */
public final class ExperimentsViewModel {
    /** Shown in the kind filter for "any kind". */
    public static final String ANY_KIND = "All kinds";

    private final Experiments ledger;
    private final TaskRunner runner;
    private final DialogService dialogs;

    private final ObservableList<Experiment> experiments = FXCollections.observableArrayList();
    private final ObservableList<String> kinds = FXCollections.observableArrayList(ANY_KIND);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final StringProperty filterKind = new SimpleStringProperty(ANY_KIND);
    private final ObjectProperty<ExperimentStatus> filterStatus = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Experiment> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Artifact> selectedArtifacts = FXCollections.observableArrayList();
    private long generation;

    public ExperimentsViewModel(Experiments ledger, TaskRunner runner, DialogService dialogs) {
        this.ledger = ledger;
        this.runner = runner;
        this.dialogs = dialogs;
        filterText.addListener((obs, old, now) -> refresh());
        filterKind.addListener((obs, old, now) -> refresh());
        filterStatus.addListener((obs, old, now) -> refresh());
    }

    public ObservableList<Experiment> experiments() {
        return experiments;
    }

    public ObservableList<String> kinds() {
        return kinds;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public StringProperty filterKindProperty() {
        return filterKind;
    }

    /** null means any status. */
    public ObjectProperty<ExperimentStatus> filterStatusProperty() {
        return filterStatus;
    }

    public ReadOnlyObjectProperty<Experiment> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ObservableList<Artifact> selectedArtifacts() {
        return selectedArtifacts;
    }

    /** Reloads with the current filters. Results of an older reload that arrive late are dropped. */
    public void refresh() {
        long mine = ++generation;
        String kind = ANY_KIND.equals(filterKind.get()) ? null : filterKind.get();
        ExperimentFilter filter = new ExperimentFilter(kind, filterStatus.get(), null, filterText.get(), 0);
        runner.submit(
                "Loading experiments",
                (progress, cancel) -> new Loaded(ledger.list(filter), ledger.kinds()),
                loaded -> {
                    if (mine != generation) {
                        return;
                    }
                    Long keep = selected.get() == null ? null : selected.get().id();
                    experiments.setAll(loaded.experiments());
                    String kindNow = filterKind.get();
                    List<String> allKinds = new java.util.ArrayList<>(List.of(ANY_KIND));
                    allKinds.addAll(loaded.kinds());
                    if (!kinds.equals(allKinds)) {
                        kinds.setAll(allKinds);
                        filterKind.set(kinds.contains(kindNow) ? kindNow : ANY_KIND);
                    }
                    select(
                            keep == null
                                    ? null
                                    : loaded.experiments().stream()
                                            .filter(e -> e.id() == keep)
                                            .findFirst()
                                            .orElse(null));
                },
                error -> dialogs.showError("Experiments", Errors.userMessage(error)));
    }

    private record Loaded(List<Experiment> experiments, List<String> kinds) {}

    public void select(Experiment experiment) {
        selected.set(experiment);
        selectedArtifacts.clear();
        if (experiment == null) {
            return;
        }
        runner.submit(
                "Loading artifacts of experiment " + experiment.id(),
                (progress, cancel) -> ledger.artifacts(experiment.id()),
                artifacts -> {
                    if (selected.get() != null && selected.get().id() == experiment.id()) {
                        selectedArtifacts.setAll(artifacts);
                    }
                },
                error -> dialogs.showError("Experiments", Errors.userMessage(error)));
    }

    /** Writes an artifact's bytes to {@code file} (the user chose it in a save dialog). */
    public void saveArtifact(Artifact artifact, java.nio.file.Path file) {
        runner.submit(
                "Saving " + artifact.name(),
                (progress, cancel) -> java.nio.file.Files.write(file, ledger.artifactContent(artifact.id())),
                written -> dialogs.notify("Saved " + artifact.name() + " to " + written + "."),
                error -> dialogs.showError("Save artifact", Errors.userMessage(error)));
    }

    /** Deletes the selected experiment after confirmation. */
    public void deleteSelected() {
        Experiment experiment = selected.get();
        if (experiment == null) {
            return;
        }
        if (!dialogs.confirm(
                "Delete experiment",
                "Delete experiment " + experiment.id() + " (\"" + experiment.title()
                        + "\") with its measurements and artifacts? This cannot be undone.")) {
            return;
        }
        runner.submit(
                "Deleting experiment " + experiment.id(),
                (progress, cancel) -> ledger.delete(experiment.id()),
                deleted -> {
                    dialogs.notify("Experiment " + experiment.id() + " deleted.");
                    select(null);
                    refresh();
                },
                error -> dialogs.showError("Experiments", Errors.userMessage(error)));
    }
}
