package io.miglab.core.report.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.report.AdfRenderer;
import io.miglab.core.report.JiraWikiRenderer;
import io.miglab.core.report.Report;
import io.miglab.core.report.ReportBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A report as a Jira issue: its wiki markup and its Atlassian Document, both rendered from the report's model, with
 * the bundle's files as attachments. The description texts themselves are not attached again (the issue holds them);
 * the HTML page, charts, tables and evidence are.
 */
public final class ReportDrafts {
    /** Labels every report issue gets; a cluster finding adds {@code k8s}. */
    public static final List<String> LABELS = List.of("migration", "performance", "postgres");

    private static final Set<String> KUBERNETES_KINDS = Set.of("k8s-job", "k8s-job-matrix", "pod-metrics");

    private ReportDrafts() {}

    /**
     * @param files the bundle's files to attach (all of {@link ReportBundle#entries}, or the user's ticked ones)
     * @param kinds the kinds of the experiments reported, for the labels
     */
    public static JiraIssueDraft draft(
            Report report, List<ReportBundle.Entry> files, List<String> kinds, String issueType, String epicKey) {
        List<JiraAttachment> attachments = new ArrayList<>();
        for (ReportBundle.Entry e : files) {
            if (!isDescription(e.name())) {
                attachments.add(new JiraAttachment(e.name(), e.mediaType(), e.content()));
            }
        }
        List<String> labels = new ArrayList<>(LABELS);
        if (kinds.stream().anyMatch(KUBERNETES_KINDS::contains)) {
            labels.add("k8s");
        }
        return new JiraIssueDraft(
                summary(report.title()),
                new JiraWikiRenderer().render(report),
                adf(report),
                labels,
                attachments,
                issueType,
                epicKey);
    }

    /** A report of experiments and the issue made of it. */
    public record Built(Report report, JiraIssueDraft draft) {}

    /** The experiments' report (from the ledger) as an issue, with every file of its bundle that goes with one. */
    public static Built forExperiments(
            io.miglab.core.report.ReportService reports, List<Long> ids, String issueType, String epicKey) {
        Report report = reports.build(io.miglab.core.report.ReportRequest.of(ids));
        List<ReportBundle.Entry> files = new ReportBundle(new io.miglab.core.report.ChartRenderer()).entries(report);
        return new Built(report, draft(report, files, kinds(report), issueType, epicKey));
    }

    /** The kinds of the experiments a report covers (its sections'), for the labels. */
    public static List<String> kinds(Report report) {
        return report.sections().stream()
                .map(io.miglab.core.report.ReportSection::kind)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
    }

    /** The report's title as a summary: one line, at most Jira's 255 characters. */
    static String summary(String title) {
        String one = title.replaceAll("\\s+", " ").strip();
        return one.length() <= JiraIssueDraft.MAX_SUMMARY
                ? one
                : one.substring(0, JiraIssueDraft.MAX_SUMMARY - 1).strip() + "\u2026";
    }

    private static JsonNode adf(Report report) {
        try {
            return Json.mapper().readTree(new AdfRenderer().render(report));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MigLabException("The report's Atlassian Document could not be read back: " + e.getMessage(), e);
        }
    }

    private static boolean isDescription(String name) {
        return name.equals(ReportBundle.MANIFEST)
                || name.endsWith(".md")
                || name.endsWith(".jira.txt")
                || name.endsWith(".adf.json");
    }
}
