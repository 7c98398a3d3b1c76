package io.miglab.core.report.jira;

import io.miglab.core.MigLabException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who MigLab is to Jira: an API token with the account's email (Cloud) or a personal access token (Data Center).
 * Taken from the environment or the OS secret store, never from the ledger; {@link #toString} shows neither.
 *
 * @param email the Atlassian account email (Cloud), else {@code null}
 * @param source where the token came from, for messages ("MIGLAB_JIRA_TOKEN", "secret-tool")
 */
public record JiraCredentials(String email, String token, String source) {
    public static final String TOKEN_ENV = "MIGLAB_JIRA_TOKEN";
    public static final String EMAIL_ENV = "MIGLAB_JIRA_EMAIL";

    public JiraCredentials {
        if (token == null || token.isBlank()) {
            throw new MigLabException("The Jira token is empty.");
        }
        token = token.strip();
        email = email == null || email.isBlank() ? null : email.strip();
        source = source == null ? "given" : source;
    }

    /**
     * The environment first ({@value #TOKEN_ENV}, {@value #EMAIL_ENV}), then the OS secret store under service
     * {@code miglab-jira} and the site's base URL as the account.
     */
    public static JiraCredentials resolve(JiraSite site, Function<String, String> env, SecretStore store) {
        String email = env.apply(EMAIL_ENV);
        String token = env.apply(TOKEN_ENV);
        JiraCredentials found;
        if (token != null && !token.isBlank()) {
            found = new JiraCredentials(email, token, TOKEN_ENV);
        } else {
            Optional<String> stored = store.lookup(site.baseUrl().toString());
            if (stored.isEmpty()) {
                throw new MigLabException(
                        "No Jira token for " + site.baseUrl() + ": set " + TOKEN_ENV + " or store one with "
                                + store.describe() + ".",
                        howToGetOne(site.flavour()),
                        null);
            }
            found = new JiraCredentials(email, stored.get(), store.name());
        }
        if (site.flavour() == JiraFlavour.CLOUD && found.email() == null) {
            throw new MigLabException("Jira Cloud signs in with email and API token: set " + EMAIL_ENV
                    + " to your Atlassian account email.");
        }
        return found;
    }

    /** Where to create a token, per flavour: the hint under a missing or refused one. */
    static String howToGetOne(JiraFlavour flavour) {
        return flavour == JiraFlavour.CLOUD
                ? "Create an API token at https://id.atlassian.com/manage-profile/security/api-tokens; see"
                        + " docs/jira.md."
                : "Create a personal access token in Jira: your avatar > Profile > Personal Access Tokens; see"
                        + " docs/jira.md.";
    }

    /** The Authorization header value for the flavour: Basic email:token on Cloud, Bearer token on Data Center. */
    String authorization(JiraFlavour flavour) {
        if (flavour == JiraFlavour.CLOUD) {
            if (email == null) {
                throw new MigLabException("Jira Cloud signs in with email and API token: set " + EMAIL_ENV + ".");
            }
            String pair = email + ":" + token;
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return "Bearer " + token;
    }

    /** The text with the token (and its Basic form) cut out: a last guard on anything shown to people. */
    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replace(token, "****");
        if (email != null) {
            String basic = Base64.getEncoder().encodeToString((email + ":" + token).getBytes(StandardCharsets.UTF_8));
            out = out.replace(basic, "****");
        }
        return out;
    }

    @Override
    public String toString() {
        return "JiraCredentials[email=" + (email == null ? "none" : email) + ", token=****, source=" + source + "]";
    }
}
