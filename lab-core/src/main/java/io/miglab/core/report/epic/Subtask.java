package io.miglab.core.report.epic;

import io.miglab.core.MigLabException;

/** One row of a story's Subtasks table: {@code | # | Subtask | Description | SP | Status |}. */
public record Subtask(int number, String name, String description, int points, Status status) {
    public Subtask {
        if (number < 1) {
            throw new MigLabException("A subtask's number must be 1 or more, not " + number + ".");
        }
        name = EpicText.required(name, "The name of subtask " + number);
        description = EpicText.line(description, "The description of subtask " + number);
        points = EpicText.points(points, "Subtask " + number);
        if (status == null) {
            status = Status.PLANNED;
        }
    }
}
