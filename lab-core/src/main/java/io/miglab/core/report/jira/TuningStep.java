package io.miglab.core.report.jira;

/** The steps of the migration-job tuning loop, in the order the loop runs them. */
public enum TuningStep {
    PREPARE_AND_BASELINE("Prepare and baseline"),
    REQUESTS_AND_LIMITS("Requests and limits"),
    LOADER_TWEAKS("Loader tweaks"),
    MORE_RESOURCES("More resources"),
    OTHER_LOADERS("Other loaders"),
    FINAL_CONFIGURATION("Final configuration");

    private final String title;

    TuningStep(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
