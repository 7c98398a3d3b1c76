package io.miglab.core.report.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Jira's error answers turned into one line each that says what went wrong and what to try. */
final class JiraErrors {
    static final String NOT_ADF = "Operation value must be an Atlassian Document";
    private static final int MAX_SAID = 300;

    private JiraErrors() {}

    static MigLabException explain(
            JiraSite site, JiraCredentials credentials, int status, byte[] body, JiraClient.Call call) {
        String said = said(body);
        String base = site.baseUrl().toString();
        String message;
        String hint = null;
        switch (status) {
            case 400 -> {
                if (said.contains(NOT_ADF)) {
                    message = "Jira rejected " + call.what() + " (400): on Jira Cloud (REST v3) the description must"
                            + " be an Atlassian Document (ADF), not text or wiki markup.";
                    hint = site.flavour() == JiraFlavour.CLOUD
                            ? "MigLab sent it as Jira Cloud; if " + base + " is Data Center, use --flavour dc (wiki"
                                    + " markup, REST v2)."
                            : "MigLab sent it as Data Center (REST v2); for a Jira Cloud site use --flavour cloud.";
                } else {
                    message = "Jira rejected " + call.what() + " (400)" + (said.isEmpty() ? "." : ": " + said);
                    if (said.contains("Epic Name") && site.flavour() == JiraFlavour.DATA_CENTER) {
                        hint = "Jira Data Center wants the Epic Name field on an epic: give its id (customfield_NNNNN,"
                                + " listed by GET " + base + "/rest/api/2/field) as the site's epicNameField.";
                    }
                }
            }
            case 401 -> {
                message = "Jira at " + base + " refused the credentials from " + credentials.source() + " (401): "
                        + (site.flavour() == JiraFlavour.CLOUD
                                // The email itself stays out: the CLI's URL redaction would eat from the base URL to
                                // its @.
                                ? "the API token or the email in " + JiraCredentials.EMAIL_ENV + " is wrong, or the"
                                        + " token expired."
                                : "the personal access token is wrong or expired.");
                hint = JiraCredentials.howToGetOne(site.flavour());
            }
            case 403 -> {
                String where = call.projectKey() == null ? "" : " on project " + call.projectKey();
                message = "Jira at " + base + " forbids " + call.what() + " (403): your account has no permission"
                        + where
                        + (call.attachment() != null ? ", or attachments are disabled on this site" : "")
                        + (said.isEmpty() ? "." : ". Jira said: " + said);
            }
            case 404 -> {
                String what = call.issueKey() != null
                        ? "issue " + call.issueKey() + " does not exist or you cannot see it"
                        : call.projectKey() != null
                                ? "project " + call.projectKey() + " does not exist or you cannot see it"
                                : "nothing there";
                message = "Jira at " + base + " found nothing for " + call.what() + " (404): " + what + ", or " + base
                        + " is not the Jira base URL.";
            }
            case 413 -> {
                JiraAttachment a = call.attachment();
                message = a != null
                        ? "Jira refused attachment '" + a.fileName() + "' (" + a.readableSize() + ") as too large"
                                + " (413); the site's attachment size limit is lower."
                        : "Jira refused " + call.what() + " as too large (413).";
            }
            case 429 -> message = "Jira at " + base + " is rate-limiting MigLab (429) while " + call.what()
                    + "; try again in a minute.";
            default -> message = "Jira at " + base + " answered " + status + " to " + call.what()
                    + (said.isEmpty() ? "." : ": " + said);
        }
        return new MigLabException(credentials.scrub(message), credentials.scrub(hint), null);
    }

    /** Jira's errorMessages and errors{field: message}, joined on one line; plain text when it is not JSON. */
    static String said(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node != null && node.isObject()) {
                node.path("errorMessages").forEach(m -> parts.add(m.asText()));
                node.path("errors")
                        .fields()
                        .forEachRemaining(
                                e -> parts.add(e.getKey() + ": " + e.getValue().asText()));
                if (node.hasNonNull("message")) {
                    parts.add(node.get("message").asText());
                }
            }
        } catch (IOException notJson) {
            String text = new String(body, StandardCharsets.UTF_8);
            if (!text.toLowerCase(Locale.ROOT).contains("<html")) {
                parts.add(text);
            }
        }
        String joined = String.join("; ", parts).replaceAll("\\s+", " ").strip();
        return joined.length() > MAX_SAID ? joined.substring(0, MAX_SAID) + "..." : joined;
    }
}
