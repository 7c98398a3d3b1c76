package io.miglab.core.report.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.MigLabException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An issue as MigLab would file it, in both description formats so either Jira flavour can take it: wiki markup for
 * Data Center (REST v2), an Atlassian Document (ADF) for Cloud (REST v3).
 *
 * @param epicKey the epic to file it under, or {@code null}
 */
public record JiraIssueDraft(
        String summary,
        String wikiDescription,
        JsonNode adfDescription,
        List<String> labels,
        List<JiraAttachment> attachments,
        String issueType,
        String epicKey) {
    /** Jira's own limit on a summary. */
    public static final int MAX_SUMMARY = 255;

    private static final Pattern LABEL = Pattern.compile("\\S+");
    static final Pattern ISSUE_KEY = Pattern.compile("[A-Z][A-Z0-9_]+-[1-9][0-9]*");

    public JiraIssueDraft {
        if (summary == null || summary.isBlank()) {
            throw new MigLabException("A Jira issue needs a summary.");
        }
        if (summary.contains("\n") || summary.contains("\r")) {
            throw new MigLabException("The Jira summary '" + firstLine(summary) + "...' must be one line.");
        }
        if (summary.length() > MAX_SUMMARY) {
            throw new MigLabException(
                    "The Jira summary is " + summary.length() + " characters; Jira takes at most " + MAX_SUMMARY + ".");
        }
        labels = List.copyOf(labels == null ? List.of() : labels);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new MigLabException("Jira label '" + label + "' must be one word without spaces.");
            }
        }
        attachments = List.copyOf(attachments == null ? List.of() : attachments);
        issueType = issueType == null || issueType.isBlank() ? "Task" : issueType;
        wikiDescription = wikiDescription == null ? "" : wikiDescription;
        adfDescription = adfDescription == null ? null : adfDescription.deepCopy();
        if (epicKey != null && !ISSUE_KEY.matcher(epicKey).matches()) {
            throw new MigLabException("Epic key '" + epicKey + "' is not a Jira issue key like MIG-12.");
        }
    }

    @Override
    public JsonNode adfDescription() {
        return adfDescription == null ? null : adfDescription.deepCopy();
    }

    /** The same draft filed under another epic. */
    public JiraIssueDraft underEpic(String key) {
        return new JiraIssueDraft(summary, wikiDescription, adfDescription, labels, attachments, issueType, key);
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }
}
