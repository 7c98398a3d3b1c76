package io.miglab.app.ledger;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.task.Errors;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.ledger.Artifact;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Experiments;
import io.miglab.core.workload.Baselines;
import io.miglab.core.workload.CompareOptions;
import io.miglab.core.workload.Comparison;
import io.miglab.core.workload.Verdict;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
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

    static final String BASELINE = "baseline";
    static final String EXPLAIN = "explain";

    private final Experiments ledger;
    private final Baselines baselines;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final Consumer<Long> openInInspector;

    private final ObservableList<Experiment> experiments = FXCollections.observableArrayList();
    private final ObservableList<String> kinds = FXCollections.observableArrayList(ANY_KIND);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final StringProperty filterKind = new SimpleStringProperty(ANY_KIND);
    private final ObjectProperty<ExperimentStatus> filterStatus = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Experiment> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Artifact> selectedArtifacts = FXCollections.observableArrayList();
    private final ObservableList<String> selectedLinks = FXCollections.observableArrayList();
    private final ObservableList<ExperimentLabels.Parameter> selectedParameters = FXCollections.observableArrayList();
    private final ObservableList<Experiment> compareCandidates = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Comparison> comparison = new ReadOnlyObjectWrapper<>();
    /** The pair the comparison shown is of, {before, after}, or null. */
    private long[] comparedPair;
    /** Opens the export panel on a report request; the shell sets it (a window of its own). */
    private java.util.function.Consumer<io.miglab.core.report.ReportRequest> exportHandler = r -> {};

    private final ReadOnlyStringWrapper comparisonSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canCompare = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canOpenInInspector = new ReadOnlyBooleanWrapper(false);
    private long generation;

    /**
     * @param baselines compares two baseline experiments ("Compare with…")
     * @param openInInspector shows an EXPLAIN experiment, by id, on the EXPLAIN page; the shell navigates there
     */
    public ExperimentsViewModel(
            Experiments ledger,
            Baselines baselines,
            TaskRunner runner,
            DialogService dialogs,
            Consumer<Long> openInInspector) {
        this.ledger = ledger;
        this.baselines = baselines;
        this.runner = runner;
        this.dialogs = dialogs;
        this.openInInspector = openInInspector;
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

    /** How the selected experiment relates to others, in words: "#14 proves this (ab)". */
    public ObservableList<String> selectedLinks() {
        return selectedLinks;
    }

    public ObservableList<Artifact> selectedArtifacts() {
        return selectedArtifacts;
    }

    /** The selected experiment's parameters, one row each. */
    public ObservableList<ExperimentLabels.Parameter> selectedParameters() {
        return selectedParameters;
    }

    /** The other experiments of the selected one's kind that it can be compared with, newest first. */
    public ObservableList<Experiment> compareCandidates() {
        return compareCandidates;
    }

    /** The selected baseline against the one picked in "Compare with…"; null until compared. */
    public ReadOnlyObjectProperty<Comparison> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    /** The comparison in one sentence: how many statements got faster, slower, or did not change. */
    public ReadOnlyStringProperty comparisonSummaryProperty() {
        return comparisonSummary.getReadOnlyProperty();
    }

    /** The selection is a baseline and there is another baseline to compare it with. */
    public ReadOnlyBooleanProperty canCompareProperty() {
        return canCompare.getReadOnlyProperty();
    }

    /** The selection is an EXPLAIN plan that the inspector can open. */
    public ReadOnlyBooleanProperty canOpenInInspectorProperty() {
        return canOpenInInspector.getReadOnlyProperty();
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
        boolean same =
                experiment != null && selected.get() != null && selected.get().id() == experiment.id();
        selected.set(experiment);
        selectedArtifacts.clear();
        selectedLinks.clear();
        selectedParameters.setAll(
                experiment == null ? List.of() : ExperimentLabels.parameters(experiment.parameters()));
        if (!same) {
            comparison.set(null);
            comparisonSummary.set("");
        }
        compareCandidates.clear();
        canCompare.set(false);
        canOpenInInspector.set(experiment != null && EXPLAIN.equals(experiment.kind()));
        if (experiment == null) {
            return;
        }
        boolean baseline = BASELINE.equals(experiment.kind());
        runner.submit(
                "Loading artifacts of experiment " + experiment.id(),
                (progress, cancel) -> new Details(
                        ledger.artifacts(experiment.id()),
                        links(experiment.id()),
                        baseline
                                ? ledger
                                        .list(new ExperimentFilter(
                                                experiment.kind(), ExperimentStatus.SUCCEEDED, null, null, 100))
                                        .stream()
                                        .filter(e -> e.id() != experiment.id())
                                        .toList()
                                : List.of()),
                details -> {
                    if (selected.get() != null && selected.get().id() == experiment.id()) {
                        selectedArtifacts.setAll(details.artifacts());
                        selectedLinks.setAll(details.links());
                        compareCandidates.setAll(details.candidates());
                        canCompare.set(!details.candidates().isEmpty());
                    }
                },
                error -> dialogs.showError("Experiments", Errors.userMessage(error)));
    }

    private record Details(List<Artifact> artifacts, List<String> links, List<Experiment> candidates) {}

    /** Each link read from this experiment's side: "proves #12 (index-build)", "#14 (ab) proves this". */
    private List<String> links(long id) {
        List<String> lines = new java.util.ArrayList<>();
        for (io.miglab.core.ledger.ExperimentLink link : ledger.links(id)) {
            long other = link.from() == id ? link.to() : link.from();
            String kind = ledger.find(other).map(Experiment::kind).orElse("deleted");
            lines.add(
                    link.from() == id
                            ? link.relation() + " #" + other + " (" + kind + ")"
                            : "#" + other + " (" + kind + ") " + link.relation() + " this");
        }
        return lines;
    }

    /**
     * Compares the selected baseline with experiment {@code otherId}, the older of the two as A (before), and shows
     * the comparison on the page.
     */
    public void compareWith(long otherId) {
        Experiment chosen = selected.get();
        if (chosen == null || chosen.id() == otherId) {
            return;
        }
        long before = Math.min(chosen.id(), otherId);
        long after = Math.max(chosen.id(), otherId);
        runner.submit(
                "Comparing experiments " + before + " and " + after,
                (progress, cancel) -> baselines.compare(before, after, CompareOptions.defaults()),
                result -> {
                    if (selected.get() != null && selected.get().id() == chosen.id()) {
                        comparison.set(result);
                        comparedPair = new long[] {before, after};
                        comparisonSummary.set(summary(before, after, result));
                    }
                },
                error -> dialogs.showError("Compare experiments", Errors.userMessage(error)));
    }

    /** Shows the selected EXPLAIN plan in the inspector. */
    /**
     * "Export for Jira" on the selected experiment, and on the comparison shown with it when there is one: a report
     * of those, previewed with its attachments.
     */
    public void exportForJira() {
        Experiment chosen = selected.get();
        if (chosen == null) {
            return;
        }
        long[] pair = comparison.get() == null ? null : comparedPair;
        exportHandler.accept(new io.miglab.core.report.ReportRequest(
                List.of(chosen.id()),
                pair == null
                        ? List.of()
                        : List.of(new io.miglab.core.report.ReportRequest.Comparison(pair[0], pair[1])),
                null,
                io.miglab.core.goals.MigrationGoals.none()));
    }

    public void setExportHandler(java.util.function.Consumer<io.miglab.core.report.ReportRequest> handler) {
        exportHandler = handler;
    }

    public void openInInspector() {
        Experiment chosen = selected.get();
        if (chosen != null && EXPLAIN.equals(chosen.kind())) {
            openInInspector.accept(chosen.id());
        }
    }

    /** The text "Copy id" puts on the clipboard: the bare number, as the other pages take it. */
    public String idToCopy() {
        return selected.get() == null ? "" : Long.toString(selected.get().id());
    }

    /** Says the id was copied (the view put it on the clipboard). */
    public void idCopied() {
        if (selected.get() != null) {
            dialogs.notify("Copied experiment id " + selected.get().id() + ".");
        }
    }

    /** Asks where to save the artifact, then writes it there. */
    public void saveArtifact(Artifact artifact) {
        dialogs.saveFile("Save " + artifact.name(), artifact.name(), List.of())
                .ifPresent(file -> saveArtifact(artifact, file));
    }

    private static String summary(long before, long after, Comparison c) {
        long faster = c.statements().stream()
                .filter(s -> s.verdict() == Verdict.FASTER)
                .count();
        long slower = c.statements().stream()
                .filter(s -> s.verdict() == Verdict.SLOWER)
                .count();
        long same = c.statements().stream()
                .filter(s -> s.verdict() == Verdict.NO_SIGNIFICANT_CHANGE)
                .count();
        StringBuilder text = new StringBuilder("Experiment " + after + " against " + before + ": ");
        text.append(faster).append(faster == 1 ? " statement" : " statements").append(" faster, ");
        text.append(slower).append(" slower, ");
        text.append(same).append(" without a significant change");
        long unknown = c.statements().size() - faster - slower - same;
        if (unknown > 0) {
            text.append(", ").append(unknown).append(" with too few samples");
        }
        if (!c.onlyInA().isEmpty() || !c.onlyInB().isEmpty()) {
            text.append("; ").append(c.onlyInA().size() + c.onlyInB().size()).append(" measured in only one of them");
        }
        return text.append('.').toString();
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
