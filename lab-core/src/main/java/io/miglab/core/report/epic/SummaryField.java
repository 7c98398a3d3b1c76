package io.miglab.core.report.epic;

/** One row of the epic's summary table, such as {@code Objective | Replatform}. */
public record SummaryField(String name, String value) {
    public SummaryField {
        name = EpicText.required(name, "A summary field's name");
        value = EpicText.line(value, "The summary field " + name);
    }
}
