package io.miglab.core.playbook;

import java.util.List;

/** An ordered path through MigLab for one kind of job, such as the Pagila starter lab. */
public record Playbook(String id, String title, String description, List<PlaybookStep> steps) {
    public Playbook {
        steps = List.copyOf(steps);
    }
}
