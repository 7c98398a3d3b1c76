package io.miglab.core.report;

/** One text format of a report, generated from the model (never from another format's output). */
public interface ReportRenderer {

    String render(Report report);

    /** The media type of the rendered text, for a bundle's manifest. */
    String mediaType();

    /** The file name ending, with its dot: {@code .md}, {@code .jira.txt}. */
    String extension();
}
