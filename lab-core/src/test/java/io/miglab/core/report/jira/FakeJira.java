package io.miglab.core.report.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.miglab.core.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Jira that checks requests the way Jira does: the auth scheme of its flavour, JSON bodies, ADF descriptions
 * on v3 and text on v2, the XSRF header and a multipart part named {@code file} on uploads. It keeps what it
 * received so tests can compare, and answers an error status on demand.
 */
public final class FakeJira implements AutoCloseable {
    /** One request as received. */
    public record Received(String method, String path, String contentType, byte[] body) {}

    /** An issue as stored. */
    public record Issue(String key, JsonNode fields, List<Stored> attachments, List<JsonNode> comments) {}

    /** An attachment as stored, bytes as they arrived. */
    public record Stored(String fileName, String mediaType, byte[] content) {}

    private static final Pattern ISSUE_PATH = Pattern.compile("/rest/api/(\\d)/issue/([A-Z][A-Z0-9_]+-\\d+)(/\\w+)?");
    private static final Pattern EPIC_PATH = Pattern.compile("/rest/agile/1\\.0/epic/([A-Z][A-Z0-9_]+-\\d+)/issue");

    private final HttpServer server;
    private final JiraFlavour flavour;
    private final String expectedAuthorization;
    private final Set<String> projects;
    private final Map<String, Issue> issues = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<String>> epicLinks = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(10000);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile int forcedStatus;
    private volatile String forcedBody;
    private volatile long maxAttachmentBytes = Long.MAX_VALUE;
    private volatile boolean hang;

    private FakeJira(JiraFlavour flavour, String expectedAuthorization, Set<String> projects) throws IOException {
        this.flavour = flavour;
        this.expectedAuthorization = expectedAuthorization;
        this.projects = Set.copyOf(projects);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    /** A Cloud site that signs in with Basic email:token. */
    public static FakeJira cloud(String email, String token, String... projects) throws IOException {
        String basic = Base64.getEncoder().encodeToString((email + ":" + token).getBytes(StandardCharsets.UTF_8));
        return new FakeJira(JiraFlavour.CLOUD, "Basic " + basic, Set.of(projects));
    }

    /** A Data Center site that signs in with a Bearer personal access token. */
    public static FakeJira dataCenter(String token, String... projects) throws IOException {
        return new FakeJira(JiraFlavour.DATA_CENTER, "Bearer " + token, Set.of(projects));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public JiraSite site() {
        return JiraSite.of(url(), flavour);
    }

    /** Every request from now on gets this status and body (Jira's error JSON). */
    public void answerEverything(int status, String body) {
        this.forcedStatus = status;
        this.forcedBody = body;
    }

    /** Uploads larger than this get 413, as a site with a low attachment limit answers. */
    public void limitAttachments(long bytes) {
        this.maxAttachmentBytes = bytes;
    }

    /** Requests are held unanswered until {@link #close}: for client timeouts. */
    public void hang() {
        this.hang = true;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Issues in the order they were created. */
    public List<Issue> issues() {
        synchronized (issues) {
            return List.copyOf(issues.values());
        }
    }

    public Issue issue(String key) {
        return issues.get(key);
    }

    public List<String> linkedUnder(String epicKey) {
        return epicLinks.getOrDefault(epicKey, List.of());
    }

    /** An issue that exists before the test starts. */
    public void seed(String key, String summary) {
        ObjectNode fields = Json.mapper().createObjectNode().put("summary", summary);
        issues.put(key, new Issue(key, fields, new ArrayList<>(), new ArrayList<>()));
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            received.add(new Received(
                    ex.getRequestMethod(),
                    ex.getRequestURI().toString(),
                    ex.getRequestHeaders().getFirst("Content-Type"),
                    body));
            if (hang) {
                released.await();
                return;
            }
            if (forcedStatus != 0) {
                send(ex, forcedStatus, forcedBody);
                return;
            }
            if (!expectedAuthorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                // Jira answers a bad or missing token with 401 and no detail.
                send(ex, 401, "{\"errorMessages\":[\"You are not authenticated.\"]}");
                return;
            }
            String api = "/rest/api/" + flavour.apiVersion();
            if (path.startsWith("/rest/api/") && !path.startsWith(api + "/")) {
                send(ex, 404, "{\"errorMessages\":[\"No such API version.\"]}");
                return;
            }
            String method = ex.getRequestMethod();
            Matcher issuePath = ISSUE_PATH.matcher(path);
            Matcher epicPath = EPIC_PATH.matcher(path);
            if (method.equals("GET") && path.equals(api + "/myself")) {
                send(ex, 200, "{\"displayName\":\"Lab Tester\",\"emailAddress\":\"tester@example.com\"}");
            } else if (method.equals("POST") && path.equals(api + "/issue")) {
                create(ex, body);
            } else if (issuePath.matches()) {
                Issue issue = issues.get(issuePath.group(2));
                if (issue == null) {
                    send(
                            ex,
                            404,
                            "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"]"
                                    + ",\"errors\":{}}");
                    return;
                }
                String tail = issuePath.group(3);
                if (tail == null && method.equals("GET")) {
                    ObjectNode answer = Json.mapper().createObjectNode().put("key", issue.key());
                    answer.putObject("fields")
                            .put("summary", issue.fields().path("summary").asText());
                    send(ex, 200, answer.toString());
                } else if ("/attachments".equals(tail) && method.equals("POST")) {
                    attach(ex, issue, body);
                } else if ("/comment".equals(tail) && method.equals("POST")) {
                    JsonNode comment = json(ex, body);
                    if (comment == null || !descriptionOk(ex, "comment", comment.path("body"))) {
                        return;
                    }
                    issue.comments().add(comment.path("body"));
                    send(ex, 201, "{\"id\":\"" + nextId.incrementAndGet() + "\"}");
                } else {
                    send(ex, 405, "");
                }
            } else if (epicPath.matches() && method.equals("POST")) {
                JsonNode req = json(ex, body);
                if (req == null) {
                    return;
                }
                List<String> keys = new ArrayList<>();
                req.path("issues").forEach(k -> keys.add(k.asText()));
                epicLinks.merge(epicPath.group(1), keys, (a, b) -> {
                    List<String> all = new ArrayList<>(a);
                    all.addAll(b);
                    return all;
                });
                send(ex, 204, "");
            } else {
                send(ex, 404, "<html><body>Not found</body></html>");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void create(HttpExchange ex, byte[] body) throws IOException {
        JsonNode req = json(ex, body);
        if (req == null) {
            return;
        }
        JsonNode fields = req.path("fields");
        String project = fields.path("project").path("key").asText();
        if (!projects.contains(project)) {
            send(ex, 400, "{\"errorMessages\":[],\"errors\":{\"project\":\"valid project is required\"}}");
            return;
        }
        if (fields.path("summary").asText().isBlank()) {
            send(
                    ex,
                    400,
                    "{\"errorMessages\":[],\"errors\":{\"summary\":\"You must specify a summary of the issue.\"}}");
            return;
        }
        if (!descriptionOk(ex, "description", fields.path("description"))) {
            return;
        }
        if (fields.has("parent")
                && !issues.containsKey(fields.path("parent").path("key").asText())) {
            send(ex, 400, "{\"errorMessages\":[],\"errors\":{\"parent\":\"Could not find issue by id or key.\"}}");
            return;
        }
        String key;
        synchronized (issues) {
            long inProject = issues.keySet().stream()
                    .filter(k -> k.startsWith(project + "-"))
                    .count();
            key = project + "-" + (inProject + 1);
            issues.put(key, new Issue(key, fields.deepCopy(), new ArrayList<>(), new ArrayList<>()));
        }
        int id = nextId.incrementAndGet();
        send(
                ex,
                201,
                "{\"id\":\"" + id + "\",\"key\":\"" + key + "\",\"self\":\"" + url() + "/rest/api/"
                        + flavour.apiVersion() + "/issue/" + id + "\"}");
    }

    private boolean descriptionOk(HttpExchange ex, String field, JsonNode description) throws IOException {
        if (flavour == JiraFlavour.CLOUD) {
            boolean adf = description.isObject()
                    && description.path("type").asText().equals("doc")
                    && description.path("version").asInt() == 1
                    && description.path("content").isArray();
            if (!adf) {
                send(
                        ex,
                        400,
                        "{\"errorMessages\":[],\"errors\":{\"" + field + "\":\"Operation value must be an"
                                + " Atlassian Document (see the Atlassian Document Format)\"}}");
                return false;
            }
        } else if (!description.isTextual()) {
            send(
                    ex,
                    400,
                    "{\"errorMessages\":[],\"errors\":{\"" + field + "\":\"Operation value must be a" + " string\"}}");
            return false;
        }
        return true;
    }

    private JsonNode json(HttpExchange ex, byte[] body) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            send(ex, 415, "{\"errorMessages\":[\"Unsupported Media Type\"]}");
            return null;
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            send(ex, 400, "{\"errorMessages\":[\"Unexpected character in the request body.\"]}");
            return null;
        }
    }

    private void attach(HttpExchange ex, Issue issue, byte[] body) throws IOException {
        if (!"no-check".equals(ex.getRequestHeaders().getFirst("X-Atlassian-Token"))) {
            send(ex, 403, "{\"errorMessages\":[\"XSRF check failed\"]}");
            return;
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        Matcher m = type == null
                ? null
                : Pattern.compile("^multipart/form-data; *boundary=(\\S+)$").matcher(type);
        if (m == null || !m.matches()) {
            send(ex, 415, "{\"errorMessages\":[\"Expected multipart/form-data with a boundary\"]}");
            return;
        }
        List<Stored> parts;
        try {
            parts = parseMultipart(body, m.group(1));
        } catch (IllegalArgumentException e) {
            send(ex, 400, "{\"errorMessages\":[\"Bad multipart body: " + e.getMessage() + "\"]}");
            return;
        }
        if (parts.isEmpty()) {
            send(ex, 400, "{\"errorMessages\":[\"No part named file\"]}");
            return;
        }
        ArrayNode answer = Json.mapper().createArrayNode();
        for (Stored part : parts) {
            if (part.content().length > maxAttachmentBytes) {
                send(ex, 413, "{\"errorMessages\":[\"The file is too large.\"]}");
                return;
            }
        }
        for (Stored part : parts) {
            issue.attachments().add(part);
            answer.addObject()
                    .put("id", String.valueOf(nextId.incrementAndGet()))
                    .put("filename", part.fileName())
                    .put("size", part.content().length)
                    .put("mimeType", part.mediaType());
        }
        send(ex, 200, answer.toString());
    }

    /** The parts named {@code file}; anything malformed is an IllegalArgumentException. */
    static List<Stored> parseMultipart(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<Stored> out = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        if (at != 0) {
            throw new IllegalArgumentException("does not start with the boundary");
        }
        while (true) {
            int after = at + delimiter.length;
            if (after + 2 <= body.length && body[after] == '-' && body[after + 1] == '-') {
                return out; // the closing delimiter
            }
            if (after + 2 > body.length || body[after] != '\r' || body[after + 1] != '\n') {
                throw new IllegalArgumentException("no CRLF after the boundary");
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), after + 2);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("part headers do not end");
            }
            String headers = new String(body, after + 2, headersEnd - after - 2, StandardCharsets.UTF_8);
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
            int end = indexOf(body, next, headersEnd + 4);
            if (end < 0) {
                throw new IllegalArgumentException("no closing boundary");
            }
            byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, end);
            String disposition = header(headers, "Content-Disposition");
            Matcher name = Pattern.compile("; *name=\"([^\"]*)\"").matcher(disposition);
            Matcher file = Pattern.compile("; *filename=\"([^\"]*)\"").matcher(disposition);
            if (name.find() && name.group(1).equals("file")) {
                if (!file.find()) {
                    throw new IllegalArgumentException("part file has no filename");
                }
                String fileName =
                        file.group(1).replace("%22", "\"").replace("%0D", "\r").replace("%0A", "\n");
                String mediaType = header(headers, "Content-Type");
                out.add(new Stored(fileName, mediaType, content));
            }
            at = end + 2;
        }
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders()
                .set("Content-Type", body != null && body.startsWith("<") ? "text/html" : "application/json");
        if (status == 204 || bytes.length == 0) {
            ex.sendResponseHeaders(status, -1);
        } else {
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
