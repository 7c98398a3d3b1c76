package io.miglab.app.playbook;

import io.miglab.core.playbook.PlaybookStep;
import io.miglab.core.playbook.StepStatus;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** A playbook step in the left rail, with its live status. */
public final class StepItem {
    private final int number;
    private final PlaybookStep step;
    private final ReadOnlyObjectWrapper<StepStatus> status;

    StepItem(int number, PlaybookStep step, StepStatus status) {
        this.number = number;
        this.step = step;
        this.status = new ReadOnlyObjectWrapper<>(status);
    }

    public int number() {
        return number;
    }

    public PlaybookStep step() {
        return step;
    }

    public ReadOnlyObjectProperty<StepStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public StepStatus status() {
        return status.get();
    }

    void setStatus(StepStatus newStatus) {
        status.set(newStatus);
    }
}
