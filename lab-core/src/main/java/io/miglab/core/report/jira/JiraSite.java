package io.miglab.core.report.jira;

import io.miglab.core.MigLabException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where issues go: a validated base URL, the flavour, and for Data Center the custom fields its epics use (their ids
 * differ per installation, so they are given, never guessed).
 *
 * @param epicLinkField Data Center's "Epic Link" field id (customfield_10014...), or {@code null} to link through the
 *     Agile REST API after creating
 * @param epicNameField Data Center's "Epic Name" field id, which creating an epic there usually requires, or null
 */
public record JiraSite(URI baseUrl, JiraFlavour flavour, String epicLinkField, String epicNameField) {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final Pattern FIELD = Pattern.compile("customfield_[0-9]+");

    public JiraSite {
        if (baseUrl == null || flavour == null) {
            throw new MigLabException("A Jira site needs a base URL and a flavour (cloud or dc).");
        }
        baseUrl = checked(baseUrl.toString());
        checkField("Epic Link", epicLinkField);
        checkField("Epic Name", epicNameField);
    }

    public static JiraSite of(String baseUrl, JiraFlavour flavour) {
        return new JiraSite(baseUrl(baseUrl), flavour, null, null);
    }

    /**
     * A Jira base URL: https, or http to this machine only (a test server), no credentials, query or fragment. The
     * trailing slash is dropped so paths append cleanly.
     */
    public static URI baseUrl(String text) {
        if (text == null || text.isBlank()) {
            throw new MigLabException("No Jira URL given: pass --url https://your-site.atlassian.net (or your Data"
                    + " Center address) or set MIGLAB_JIRA_URL.");
        }
        return checked(text.trim());
    }

    private static URI checked(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new MigLabException("Jira URL '" + shown(text) + "' is not a URL: " + e.getReason() + ".");
        }
        if (uri.getRawUserInfo() != null) {
            // Never echo it: the user part may hold a password.
            throw new MigLabException("The Jira URL must not carry a user or password; credentials come from"
                    + " MIGLAB_JIRA_TOKEN or the OS secret store.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new MigLabException(
                    "Jira URL '" + shown(text) + "' has no host; write it like" + " https://your-site.atlassian.net.");
        }
        if (!scheme.equals("https") && !(scheme.equals("http") && LOOPBACK.contains(uri.getHost()))) {
            throw new MigLabException("Jira URL '" + shown(text) + "' must use https (http only to localhost), so the"
                    + " token never crosses the network in clear.");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new MigLabException(
                    "Jira URL '" + shown(text) + "' must be the site's base address, without ? or" + " #.");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.contains("/rest/")) {
            throw new MigLabException("Jira URL '" + shown(text) + "' should be the site's base address, not a REST"
                    + " path: drop everything from /rest/ on.");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    private static String shown(String text) {
        // A malformed URL may still hold user:password@; cut it out of the message.
        return text.replaceAll("//[^/@]*@", "//***@");
    }

    private static void checkField(String name, String id) {
        if (id != null && !FIELD.matcher(id).matches()) {
            throw new MigLabException("The " + name + " field id '" + id + "' is not like customfield_10014.");
        }
    }

    /** {@code base + /rest/api/{2|3} + tail}. */
    public URI api(String tail) {
        return URI.create(baseUrl + "/rest/api/" + flavour.apiVersion() + tail);
    }

    public JiraSite withEpicFields(String epicLink, String epicName) {
        return new JiraSite(baseUrl, flavour, epicLink, epicName);
    }
}
