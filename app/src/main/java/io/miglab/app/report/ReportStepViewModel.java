package io.miglab.app.report;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.ledger.ExperimentLabels;
import io.miglab.app.task.Errors;
import io.miglab.app.task.PageJob;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.goals.Goals;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.report.ReportRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The playbook's Report step: the experiments of the run so far with the latest of each kind ticked, a title, and
 * Build, which makes one report of them judged against the Goals step's thresholds and hands it to the export panel.
 */
public final class ReportStepViewModel {
    /** Experiments listed to choose from, newest first. */
    static final int LISTED = 200;

    /** Kinds a playbook report is made of; the latest of each is ticked at first. */
    static final Set<String> REPORTED_KINDS = Set.of(
            "inventory",
            "baseline",
            "explain",
            "ab",
            "index-build",
            "config-apply",
            "load",
            "load-matrix",
            "dump",
            "restore",
            "upgrade",
            "validate",
            "pod-metrics",
            "k8s-job-matrix");

    private final Ledger ledger;
    private final Goals goals;
    private final String playbookId;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final ReportExportViewModel export;

    private final PageJob job = new PageJob();
    private final ObservableList<Choice> choices = FXCollections.observableArrayList();
    private final StringProperty title = new SimpleStringProperty("");

    public ReportStepViewModel(
            Ledger ledger,
            Goals goals,
            String playbookId,
            String playbookTitle,
            TaskRunner runner,
            DialogService dialogs,
            ReportExportViewModel export) {
        this.ledger = ledger;
        this.goals = goals;
        this.playbookId = playbookId;
        this.runner = runner;
        this.dialogs = dialogs;
        this.export = export;
        title.set(playbookTitle + ": findings");
    }

    /** One experiment that may go into the report. */
    public static final class Choice {
        private final Experiment experiment;
        private final BooleanProperty chosen;

        Choice(Experiment experiment, boolean chosen) {
            this.experiment = experiment;
            this.chosen = new SimpleBooleanProperty(chosen);
        }

        public Experiment experiment() {
            return experiment;
        }

        public BooleanProperty chosenProperty() {
            return chosen;
        }

        public String label() {
            return "#" + experiment.id() + "  " + ExperimentLabels.kind(experiment.kind()) + "  "
                    + ExperimentLabels.startedShort(experiment) + "  " + experiment.title();
        }
    }

    /** Lists the succeeded experiments, newest first, the latest of each reported kind ticked. */
    public void refresh() {
        job.submit(
                runner,
                "Listing experiments",
                (p, c) -> ledger.list(new ExperimentFilter(null, ExperimentStatus.SUCCEEDED, null, null, LISTED)),
                found -> {
                    Set<String> seen = new HashSet<>();
                    List<Choice> out = new ArrayList<>();
                    for (Experiment e : found) {
                        out.add(new Choice(e, REPORTED_KINDS.contains(e.kind()) && seen.add(e.kind())));
                    }
                    choices.setAll(out);
                },
                error -> dialogs.showError("Report", Errors.userMessage(error)));
    }

    /** Builds the report of the ticked experiments, with the Goals step's thresholds, into the export panel. */
    public void build() {
        List<Long> ids = choices.stream()
                .filter(c -> c.chosenProperty().get())
                .map(c -> c.experiment().id())
                .sorted()
                .toList();
        if (ids.isEmpty()) {
            dialogs.showError("Report", "Tick at least one experiment to report on.");
            return;
        }
        String reportTitle = title.get();
        export.prepare(() -> new ReportRequest(ids, List.of(), reportTitle, goals.load(playbookId)));
    }

    public ObservableList<Choice> choices() {
        return choices;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public ReportExportViewModel export() {
        return export;
    }

    public javafx.beans.property.ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }
}
