package io.miglab.core.report.jira;

import io.miglab.core.MigLabException;
import java.util.Locale;

/** Which Jira is on the other end; it decides the REST version, the description format and the auth scheme. */
public enum JiraFlavour {
    /** Jira Cloud: REST v3, descriptions as Atlassian Documents, Basic auth with email and API token. */
    CLOUD("cloud", "Jira Cloud", 3),
    /** Jira Data Center / Server: REST v2, wiki markup, Bearer personal access token. */
    DATA_CENTER("dc", "Jira Data Center", 2);

    private final String id;
    private final String label;
    private final int apiVersion;

    JiraFlavour(String id, String label, int apiVersion) {
        this.id = id;
        this.label = label;
        this.apiVersion = apiVersion;
    }

    public String id() {
        return id;
    }

    public int apiVersion() {
        return apiVersion;
    }

    /** "Jira Cloud, REST v3". */
    public String describe() {
        return label + ", REST v" + apiVersion;
    }

    public static JiraFlavour parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "cloud", "v3" -> CLOUD;
            case "dc", "data-center", "datacenter", "server", "v2" -> DATA_CENTER;
            default -> throw new MigLabException("Jira flavour '" + text + "' is not cloud or dc.");
        };
    }

    /** Cloud sites live under atlassian.net; anything else is taken for Data Center unless told otherwise. */
    public static JiraFlavour guess(java.net.URI baseUrl) {
        String host = baseUrl.getHost() == null ? "" : baseUrl.getHost().toLowerCase(Locale.ROOT);
        return host.endsWith(".atlassian.net") ? CLOUD : DATA_CENTER;
    }
}
