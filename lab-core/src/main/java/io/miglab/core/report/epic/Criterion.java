package io.miglab.core.report.epic;

/** One acceptance criterion, a {@code - [ ]} or {@code - [x]} line. */
public record Criterion(String text, boolean checked) {
    public Criterion {
        text = EpicText.required(text, "An acceptance criterion");
    }
}
