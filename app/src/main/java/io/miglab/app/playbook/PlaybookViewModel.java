package io.miglab.app.playbook;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.task.Errors;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.playbook.Playbook;
import io.miglab.core.playbook.PlaybookProgress;
import io.miglab.core.playbook.PlaybookStep;
import io.miglab.core.playbook.StepStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The playbook in the left rail: its steps and how far the user got, remembered in the ledger. */
public final class PlaybookViewModel {
    private final Playbook playbook;
    private final PlaybookProgress progress;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final ObservableList<StepItem> steps = FXCollections.observableArrayList();

    public PlaybookViewModel(Playbook playbook, PlaybookProgress progress, TaskRunner runner, DialogService dialogs) {
        this.playbook = playbook;
        this.progress = progress;
        this.runner = runner;
        this.dialogs = dialogs;
        List<StepItem> items = new ArrayList<>();
        for (int i = 0; i < playbook.steps().size(); i++) {
            items.add(new StepItem(i + 1, playbook.steps().get(i), StepStatus.NOT_STARTED));
        }
        steps.setAll(items);
    }

    public Playbook playbook() {
        return playbook;
    }

    public ObservableList<StepItem> steps() {
        return steps;
    }

    /** Loads the remembered statuses. */
    public void load() {
        runner.submit(
                "Loading playbook progress",
                (p, cancel) -> progress.statuses(playbook.id()),
                this::apply,
                error -> dialogs.showError("Playbook", Errors.userMessage(error)));
    }

    public void setStatus(StepItem item, StepStatus status) {
        PlaybookStep step = item.step();
        runner.submit(
                "Saving step status",
                (p, cancel) -> {
                    progress.set(playbook.id(), step.id(), status);
                    return status;
                },
                item::setStatus,
                error -> dialogs.showError("Playbook", Errors.userMessage(error)));
    }

    /** How many steps are done or skipped, for the rail's header. */
    public long finishedCount() {
        return steps.stream()
                .filter(s -> s.status() == StepStatus.DONE || s.status() == StepStatus.SKIPPED)
                .count();
    }

    private void apply(Map<String, StepStatus> statuses) {
        for (StepItem item : steps) {
            item.setStatus(statuses.getOrDefault(item.step().id(), StepStatus.NOT_STARTED));
        }
    }
}
