package io.miglab.core.report.epic;

import java.util.List;

/** A phase of the epic ({@code ## Phase 2: Tuning}) and its stories, in order. */
public record Phase(String name, List<Story> stories) {
    public Phase {
        name = EpicText.required(name, "A phase's name");
        stories = EpicText.list(stories);
    }
}
