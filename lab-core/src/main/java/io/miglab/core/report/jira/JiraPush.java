package io.miglab.core.report.jira;

import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import java.util.ArrayList;
import java.util.List;

/**
 * Sending drafts to Jira in one action. {@link #plan} says what would be sent, with nothing sent and no secret in
 * it: the default. {@link #execute} sends it: the epic first, then each issue under it, then each issue's files.
 */
public final class JiraPush {
    private JiraPush() {}

    /**
     * What to send where: drafts into a project (an epic first when given, its key then the parent of the rest), or
     * one draft onto an existing issue (its description as a comment, its files attached).
     */
    public record Request(String projectKey, String issueKey, JiraIssueDraft epic, List<JiraIssueDraft> issues) {
        public Request {
            issues = List.copyOf(issues == null ? List.of() : issues);
            if ((projectKey == null) == (issueKey == null)) {
                throw new MigLabException("Give either a Jira project key (--project) to create issues in, or an"
                        + " issue key (--issue) to add to, not both or neither.");
            }
            if (projectKey != null) {
                JiraClient.checkProject(projectKey);
                if (issues.isEmpty() && epic == null) {
                    throw new MigLabException("Nothing to send to Jira project " + projectKey + ": no issues.");
                }
            } else {
                JiraClient.checkIssue(issueKey);
                if (epic != null || issues.size() != 1) {
                    throw new MigLabException("An existing issue (" + issueKey + ") takes one description and its"
                            + " files, not " + issues.size() + " issues" + (epic != null ? " and an epic." : "."));
                }
            }
        }

        public static Request inProject(String projectKey, List<JiraIssueDraft> issues) {
            return new Request(projectKey, null, null, issues);
        }

        public static Request epicWithChildren(String projectKey, JiraIssueDraft epic, List<JiraIssueDraft> children) {
            return new Request(projectKey, null, epic, children);
        }

        public static Request onIssue(String issueKey, JiraIssueDraft draft) {
            return new Request(null, issueKey, null, List.of(draft));
        }
    }

    /**
     * One request that would be sent.
     *
     * @param url the URL, with {@code {key of N}} where it holds the key request N will get back
     * @param description the description's format and length, or empty
     * @param attachment the file and its size, for uploads
     */
    public record PlannedRequest(
            int number,
            String method,
            String url,
            String action,
            String summary,
            List<String> labels,
            String description,
            String attachment) {
        public PlannedRequest {
            labels = List.copyOf(labels);
        }
    }

    /** Everything a push would send, in order. */
    public record Plan(String site, String flavour, List<PlannedRequest> requests) {
        public Plan {
            requests = List.copyOf(requests);
        }

        /** The plan as people read it. */
        public String text() {
            StringBuilder b = new StringBuilder();
            b.append("Dry run: nothing was sent. With --execute, MigLab sends these ")
                    .append(requests.size())
                    .append(requests.size() == 1 ? " request" : " requests")
                    .append(" to ")
                    .append(site)
                    .append(" (")
                    .append(flavour)
                    .append("):\n");
            for (PlannedRequest r : requests) {
                b.append(String.format("%3d. %s %s%n", r.number(), r.method(), r.url()));
                b.append("     ").append(r.action());
                if (r.summary() != null) {
                    b.append(": \"").append(r.summary()).append('"');
                }
                b.append('\n');
                if (!r.labels().isEmpty()) {
                    b.append("     labels: ")
                            .append(String.join(", ", r.labels()))
                            .append('\n');
                }
                if (!r.description().isEmpty()) {
                    b.append("     description: ").append(r.description()).append('\n');
                }
                if (r.attachment() != null) {
                    b.append("     file: ").append(r.attachment()).append('\n');
                }
            }
            return b.toString();
        }
    }

    /** Builds the plan; reads no credentials and opens no connection. */
    public static Plan plan(JiraSite site, Request request) {
        List<PlannedRequest> out = new ArrayList<>();
        String api = site.baseUrl() + "/rest/api/" + site.flavour().apiVersion();
        if (request.issueKey() != null) {
            String key = request.issueKey();
            JiraIssueDraft draft = request.issues().get(0);
            out.add(new PlannedRequest(
                    1,
                    "GET",
                    api + "/issue/" + key + "?fields=summary",
                    "check " + key + " exists",
                    null,
                    List.of(),
                    "",
                    null));
            out.add(new PlannedRequest(
                    2,
                    "POST",
                    api + "/issue/" + key + "/comment",
                    "comment on " + key,
                    draft.summary(),
                    List.of(),
                    describe(site, draft),
                    null));
            addUploads(out, api, key, draft);
            return new Plan(site.baseUrl().toString(), site.flavour().describe(), out);
        }
        String epicRef = null;
        if (request.epic() != null) {
            JiraIssueDraft epic = request.epic();
            out.add(new PlannedRequest(
                    1,
                    "POST",
                    api + "/issue",
                    "create Epic in " + request.projectKey(),
                    epic.summary(),
                    epic.labels(),
                    describe(site, epic),
                    null));
            epicRef = "{key of 1}";
            addUploads(out, api, epicRef, epic);
        }
        for (JiraIssueDraft draft : request.issues()) {
            String parent = epicRef != null ? epicRef : draft.epicKey();
            int n = out.size() + 1;
            String action = "create " + draft.issueType() + " in " + request.projectKey()
                    + (parent == null ? "" : under(site, parent));
            out.add(new PlannedRequest(
                    n, "POST", api + "/issue", action, draft.summary(), draft.labels(), describe(site, draft), null));
            String ref = "{key of " + n + "}";
            if (parent != null && site.flavour() == JiraFlavour.DATA_CENTER && site.epicLinkField() == null) {
                out.add(new PlannedRequest(
                        out.size() + 1,
                        "POST",
                        site.baseUrl() + "/rest/agile/1.0/epic/" + parent + "/issue",
                        "file " + ref + " under epic " + parent,
                        null,
                        List.of(),
                        "",
                        null));
            }
            addUploads(out, api, ref, draft);
        }
        return new Plan(site.baseUrl().toString(), site.flavour().describe(), out);
    }

    private static String under(JiraSite site, String parent) {
        if (site.flavour() == JiraFlavour.CLOUD) {
            return " with parent " + parent;
        }
        return site.epicLinkField() != null ? " with Epic Link (" + site.epicLinkField() + ") " + parent : "";
    }

    private static void addUploads(List<PlannedRequest> out, String api, String key, JiraIssueDraft draft) {
        for (JiraAttachment a : draft.attachments()) {
            out.add(new PlannedRequest(
                    out.size() + 1,
                    "POST",
                    api + "/issue/" + key + "/attachments",
                    "attach to " + key,
                    null,
                    List.of(),
                    "",
                    a.fileName() + " (" + a.mediaType() + ", " + a.readableSize() + ")"));
        }
    }

    private static String describe(JiraSite site, JiraIssueDraft draft) {
        if (site.flavour() == JiraFlavour.CLOUD) {
            if (draft.adfDescription() == null) {
                return "missing: Jira Cloud needs an Atlassian Document";
            }
            int length;
            try {
                length =
                        Json.mapper().writeValueAsString(draft.adfDescription()).length();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                length = -1;
            }
            return "Atlassian Document, " + length + " characters of JSON";
        }
        return "wiki markup, " + draft.wikiDescription().length() + " characters";
    }

    /** An issue as the push left it. */
    public record PushedIssue(String key, String browseUrl, boolean created, List<JiraClient.StoredAttachment> files) {
        public PushedIssue {
            files = List.copyOf(files);
        }
    }

    /** What was sent: the epic (or null) and each issue, in order. */
    public record Result(PushedIssue epic, List<PushedIssue> issues) {
        public Result {
            issues = List.copyOf(issues);
        }
    }

    /** Sends the request; stops at the first failure, whose message says what was done before it. */
    /**
     * Sends {@code request} with the token from {@code env} or the OS secret store (never MigLab's files): what the
     * CLI and the app both do once the user said send.
     */
    public static Result send(
            JiraSite site,
            Request request,
            java.util.function.Function<String, String> env,
            SecretStore secrets,
            ProgressListener progress) {
        JiraClient client =
                new JiraClient(site, JiraCredentials.resolve(site, env, secrets), java.time.Duration.ofSeconds(60));
        return execute(client, request, progress);
    }

    public static Result execute(JiraClient client, Request request, ProgressListener progress) {
        List<PushedIssue> done = new ArrayList<>();
        List<String> inJira = new ArrayList<>(); // created so far, for the message when a later step fails
        PushedIssue epic = null;
        int total = plan(client.site(), request).requests().size();
        int[] step = {0};
        ProgressListener tick = p -> progress.report(Progress.of(p.message(), ++step[0], total));
        try {
            if (request.issueKey() != null) {
                String key = request.issueKey();
                JiraIssueDraft draft = request.issues().get(0);
                tick.report(Progress.indeterminate("Checking " + key));
                client.getIssue(key);
                tick.report(Progress.indeterminate("Commenting on " + key));
                client.addComment(key, draft);
                List<JiraClient.StoredAttachment> files = upload(client, key, draft, tick);
                done.add(new PushedIssue(key, client.site().baseUrl() + "/browse/" + key, false, files));
                return new Result(null, done);
            }
            String parent = null;
            if (request.epic() != null) {
                tick.report(Progress.indeterminate("Creating the epic"));
                JiraClient.CreatedIssue created = client.createEpic(request.projectKey(), request.epic());
                inJira.add(created.key());
                List<JiraClient.StoredAttachment> files = upload(client, created.key(), request.epic(), tick);
                epic = new PushedIssue(created.key(), created.browseUrl().toString(), true, files);
                parent = created.key();
            }
            for (JiraIssueDraft draft : request.issues()) {
                JiraIssueDraft toSend = parent != null ? draft.underEpic(parent) : draft;
                tick.report(Progress.indeterminate("Creating '" + draft.summary() + "'"));
                JiraClient.CreatedIssue created = client.createIssue(request.projectKey(), toSend);
                inJira.add(created.key());
                if (toSend.epicKey() != null
                        && client.site().flavour() == JiraFlavour.DATA_CENTER
                        && client.site().epicLinkField() == null) {
                    step[0]++; // the Agile link request the plan counts separately
                }
                List<JiraClient.StoredAttachment> files = upload(client, created.key(), toSend, tick);
                done.add(new PushedIssue(created.key(), created.browseUrl().toString(), true, files));
            }
            return new Result(epic, done);
        } catch (MigLabException e) {
            if (inJira.isEmpty()) {
                throw e;
            }
            String already = "Already in Jira before this failed: " + String.join(", ", inJira) + ".";
            throw new MigLabException(
                    e.getMessage(), e.hint() == null ? already : e.hint() + System.lineSeparator() + already, e);
        }
    }

    private static List<JiraClient.StoredAttachment> upload(
            JiraClient client, String key, JiraIssueDraft draft, ProgressListener tick) {
        List<JiraClient.StoredAttachment> stored = new ArrayList<>();
        for (JiraAttachment a : draft.attachments()) {
            tick.report(Progress.indeterminate("Attaching " + a.fileName() + " to " + key));
            stored.addAll(client.upload(key, List.of(a)));
        }
        return stored;
    }
}
