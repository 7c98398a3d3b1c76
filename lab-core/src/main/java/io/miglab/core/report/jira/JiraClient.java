package io.miglab.core.report.jira;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Jira's REST API, the few calls MigLab needs: create an issue or an epic, read one, comment on one, attach files,
 * link under an epic, and who am I. Every failure becomes one {@link MigLabException} line that says what Jira
 * objected to; the token and the Authorization header never appear in one.
 */
public final class JiraClient {
    static final Pattern PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,9}");

    private final JiraSite site;
    private final JiraCredentials credentials;
    private final HttpClient http;
    private final Duration timeout;

    public JiraClient(JiraSite site, JiraCredentials credentials, Duration timeout) {
        this.site = site;
        this.credentials = credentials;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect to a login page is an error, not a page
                .build();
    }

    public JiraClient(JiraSite site, JiraCredentials credentials) {
        this(site, credentials, Duration.ofSeconds(30));
    }

    public JiraSite site() {
        return site;
    }

    /** An issue Jira created. */
    public record CreatedIssue(String id, String key, URI browseUrl) {}

    /** An issue read back by key. */
    public record IssueRef(String key, String summary) {}

    /** One attachment as Jira stored it. */
    public record StoredAttachment(String id, String fileName, long size) {}

    /** The account the credentials sign in as. */
    public record Myself(String displayName, String account) {}

    /** Creates the issue in the project, under {@code draft.epicKey()} when it has one. */
    public CreatedIssue createIssue(String projectKey, JiraIssueDraft draft) {
        checkProject(projectKey);
        ObjectNode fields = Json.mapper().createObjectNode();
        fields.putObject("project").put("key", projectKey);
        fields.put("summary", draft.summary());
        fields.putObject("issuetype").put("name", draft.issueType());
        fields.set("description", description(draft));
        var labels = fields.putArray("labels");
        draft.labels().forEach(labels::add);
        boolean linkLater = false;
        if (draft.epicKey() != null) {
            if (site.flavour() == JiraFlavour.CLOUD) {
                fields.putObject("parent").put("key", draft.epicKey());
            } else if (site.epicLinkField() != null) {
                fields.put(site.epicLinkField(), draft.epicKey());
            } else {
                linkLater = true;
            }
        }
        if (isEpic(draft) && site.flavour() == JiraFlavour.DATA_CENTER && site.epicNameField() != null) {
            fields.put(site.epicNameField(), draft.summary());
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("fields", fields);
        URI uri = site.api("/issue");
        Call call = new Call(
                "creating " + draft.issueType() + " '" + draft.summary() + "' in project " + projectKey,
                projectKey,
                null,
                null);
        JsonNode created = send(json(uri, "POST", body), call);
        String key = created.path("key").asText(null);
        if (key == null) {
            throw new MigLabException("Jira at " + site.baseUrl() + " answered " + call.what()
                    + " without an issue key: is this the Jira base URL?");
        }
        CreatedIssue issue =
                new CreatedIssue(created.path("id").asText(""), key, URI.create(site.baseUrl() + "/browse/" + key));
        if (linkLater) {
            linkToEpic(draft.epicKey(), List.of(key));
        }
        return issue;
    }

    /** Creates an epic from the draft, whatever issue type the draft names. */
    public CreatedIssue createEpic(String projectKey, JiraIssueDraft draft) {
        JiraIssueDraft epic = new JiraIssueDraft(
                draft.summary(),
                draft.wikiDescription(),
                draft.adfDescription(),
                draft.labels(),
                draft.attachments(),
                "Epic",
                null);
        return createIssue(projectKey, epic);
    }

    /** Reads an issue's summary: proof the key exists and the credentials can see it. */
    public IssueRef getIssue(String key) {
        checkIssue(key);
        URI uri = site.api("/issue/" + key + "?fields=summary");
        JsonNode issue = send(request(uri).GET(), new Call("reading issue " + key, projectOf(key), key, null));
        return new IssueRef(
                issue.path("key").asText(key),
                issue.path("fields").path("summary").asText(""));
    }

    /** Adds the draft's description to an existing issue as a comment. */
    public void addComment(String key, JiraIssueDraft draft) {
        checkIssue(key);
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("body", description(draft));
        send(
                json(site.api("/issue/" + key + "/comment"), "POST", body),
                new Call("commenting on " + key, projectOf(key), key, null));
    }

    /** Uploads the files to the issue, one request each, so a refusal names the file. */
    public List<StoredAttachment> upload(String key, List<JiraAttachment> files) {
        checkIssue(key);
        List<StoredAttachment> stored = new ArrayList<>();
        for (JiraAttachment file : files) {
            Multipart multipart = Multipart.of(file);
            HttpRequest.Builder b = request(site.api("/issue/" + key + "/attachments"))
                    .header("X-Atlassian-Token", "no-check")
                    .header("Content-Type", multipart.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(multipart.body()));
            JsonNode answer = send(
                    b,
                    new Call(
                            "uploading '" + file.fileName() + "' (" + file.readableSize() + ") to " + key,
                            projectOf(key),
                            key,
                            file));
            for (JsonNode a : answer) {
                stored.add(new StoredAttachment(
                        a.path("id").asText(""),
                        a.path("filename").asText(file.fileName()),
                        a.path("size").asLong()));
            }
        }
        return stored;
    }

    /** Data Center without an Epic Link field id: files the issues under the epic through the Agile REST API. */
    public void linkToEpic(String epicKey, List<String> issueKeys) {
        checkIssue(epicKey);
        ObjectNode body = Json.mapper().createObjectNode();
        var issues = body.putArray("issues");
        issueKeys.forEach(issues::add);
        URI uri = URI.create(site.baseUrl() + "/rest/agile/1.0/epic/" + epicKey + "/issue");
        send(
                json(uri, "POST", body),
                new Call(
                        "linking " + String.join(", ", issueKeys) + " under epic " + epicKey,
                        projectOf(epicKey),
                        epicKey,
                        null));
    }

    /** GET /myself: checks the URL and the credentials in one call. */
    public Myself myself() {
        JsonNode me = send(request(site.api("/myself")).GET(), new Call("signing in", null, null, null));
        String account = me.hasNonNull("emailAddress")
                ? me.get("emailAddress").asText()
                : me.path("name").asText(me.path("accountId").asText(""));
        return new Myself(me.path("displayName").asText(account), account);
    }

    private JsonNode description(JiraIssueDraft draft) {
        if (site.flavour() == JiraFlavour.CLOUD) {
            if (draft.adfDescription() == null) {
                throw new MigLabException("The issue '" + draft.summary() + "' has no Atlassian Document description,"
                        + " which Jira Cloud (REST v3) needs.");
            }
            return draft.adfDescription();
        }
        return Json.mapper().getNodeFactory().textNode(draft.wikiDescription());
    }

    static boolean isEpic(JiraIssueDraft draft) {
        return draft.issueType().equalsIgnoreCase("Epic");
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", credentials.authorization(site.flavour()));
    }

    private HttpRequest.Builder json(URI uri, String method, JsonNode body) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new MigLabException("Could not write the Jira request as JSON: " + e.getOriginalMessage());
        }
        return request(uri)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    /** What a request was for, so its failure can say it. */
    record Call(String what, String projectKey, String issueKey, JiraAttachment attachment) {}

    private JsonNode send(HttpRequest.Builder builder, Call call) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw fail("Could not connect to Jira at " + site.baseUrl() + " within " + seconds() + " (" + call.what()
                    + "): is the host right and reachable?");
        } catch (HttpTimeoutException e) {
            throw fail("Jira at " + site.baseUrl() + " did not answer within " + seconds() + " (" + call.what() + ").");
        } catch (ConnectException e) {
            throw fail("Could not reach Jira at " + site.baseUrl() + ": connection refused (" + call.what() + ").");
        } catch (SSLException e) {
            throw fail("The TLS handshake with Jira at " + site.baseUrl() + " failed (" + call.what() + "): "
                    + e.getMessage());
        } catch (IOException e) {
            throw fail("Could not talk to Jira at " + site.baseUrl() + " (" + call.what() + "): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("Interrupted while " + call.what() + ".");
        }
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw JiraErrors.explain(site, credentials, status, response.body(), call);
        }
        byte[] body = response.body();
        if (body.length == 0) {
            return Json.mapper().createObjectNode();
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw fail("Jira at " + site.baseUrl() + " answered " + call.what() + " with something that is not JSON"
                    + response.headers()
                            .firstValue("Content-Type")
                            .map(t -> " (" + t + ")")
                            .orElse("")
                    + ": is " + site.baseUrl() + " the Jira base URL?");
        }
    }

    private MigLabException fail(String message) {
        return new MigLabException(credentials.scrub(message));
    }

    private String seconds() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    static void checkProject(String projectKey) {
        if (projectKey == null || !PROJECT_KEY.matcher(projectKey).matches()) {
            throw new MigLabException("Jira project key '" + projectKey + "' is not like MIG (capitals and digits).");
        }
    }

    static void checkIssue(String key) {
        if (key == null || !JiraIssueDraft.ISSUE_KEY.matcher(key).matches()) {
            throw new MigLabException("'" + key + "' is not a Jira issue key like MIG-12.");
        }
    }

    static String projectOf(String issueKey) {
        return issueKey.substring(0, issueKey.lastIndexOf('-'));
    }
}
