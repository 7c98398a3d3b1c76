package io.miglab.core.targets;

import io.miglab.core.MigLabException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a PostgreSQL server is and how to reach it, without any secret: passwords come from the environment
 * ({@code PGPASSWORD}) or {@code ~/.pgpass} when connecting, never from here, so a spec can be stored and shown.
 *
 * @param user null means the operating-system user name, as libpq does
 * @param sslMode libpq's sslmode (disable, allow, prefer, require, verify-ca, verify-full), or null for the default
 * @param options further pgjdbc connection properties, never secrets
 */
public record ConnectionSpec(
        String host, int port, String database, String user, String sslMode, Map<String, String> options) {
    public static final int DEFAULT_PORT = 5432;

    /** Connection properties that carry secrets; they are dropped from specs and never stored. */
    static final Set<String> SECRET_PROPERTIES = Set.of("password", "sslpassword");

    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    public ConnectionSpec {
        if (host == null || host.isBlank()) {
            throw new MigLabException("A connection needs a host.");
        }
        if (port <= 0 || port > 65535) {
            throw new MigLabException("Port " + port + " is out of range (1-65535).");
        }
        if (database == null || database.isBlank()) {
            throw new MigLabException("A connection needs a database name.");
        }
        if (sslMode != null && !SSL_MODES.contains(sslMode)) {
            throw new MigLabException("'" + sslMode + "' is not an sslmode; use one of "
                    + String.join(", ", new java.util.TreeSet<>(SSL_MODES)) + ".");
        }
        TreeMap<String, String> cleaned = new TreeMap<>(options == null ? Map.of() : options);
        cleaned.keySet().removeIf(k -> SECRET_PROPERTIES.contains(k.toLowerCase(Locale.ROOT)));
        options = Map.copyOf(cleaned);
    }

    /** The result of parsing user input: the spec, and whether a password had to be removed from it. */
    public record Parsed(ConnectionSpec spec, boolean passwordRemoved) {}

    /**
     * Parses {@code jdbc:postgresql://host[:port]/database[?user=...&sslmode=...]} or the libpq form {@code
     * postgresql://[user@]host[:port]/database[?...]}. A password in the URL is dropped (see {@link Parsed}).
     */
    public static Parsed parseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new MigLabException(
                    "The connection URL is empty.", "Example: jdbc:postgresql://db.example.com:5432/app", null);
        }
        String text = url.strip();
        String rest;
        if (text.startsWith("jdbc:postgresql://")) {
            rest = text.substring("jdbc:postgresql://".length());
        } else if (text.startsWith("postgresql://") || text.startsWith("postgres://")) {
            rest = text.substring(text.indexOf("://") + 3);
        } else {
            throw new MigLabException(
                    "'" + redactUrl(text) + "' is not a PostgreSQL URL: it must start with"
                            + " jdbc:postgresql:// or postgresql://.",
                    "Example: jdbc:postgresql://db.example.com:5432/app",
                    null);
        }
        boolean passwordRemoved = false;
        String user = null;
        int at = rest.indexOf('@');
        int slash = rest.indexOf('/');
        if (at >= 0 && (slash < 0 || at < slash)) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                passwordRemoved = true;
                userInfo = userInfo.substring(0, colon);
            }
            user = decode(userInfo, url);
        }
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        slash = rest.indexOf('/');
        String hostPort = slash >= 0 ? rest.substring(0, slash) : rest;
        String database = slash >= 0 ? decode(rest.substring(slash + 1), url) : "";
        if (hostPort.contains(",")) {
            throw new MigLabException(
                    "'" + redactUrl(text) + "' names several hosts; MigLab connects to one server" + " per target.");
        }
        String host;
        int port = DEFAULT_PORT;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new MigLabException("'" + redactUrl(text) + "': the IPv6 address has no closing ']'.");
            }
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (after.startsWith(":")) {
                port = parsePort(after.substring(1), text);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
            if (colon >= 0) {
                port = parsePort(hostPort.substring(colon + 1), text);
            }
        }
        if (host.isBlank()) {
            throw new MigLabException("'" + redactUrl(text) + "' has no host name.");
        }
        Map<String, String> options = new TreeMap<>();
        String sslMode = null;
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq >= 0 ? pair.substring(0, eq) : pair, url);
                String value = eq >= 0 ? decode(pair.substring(eq + 1), url) : "";
                switch (key.toLowerCase(Locale.ROOT)) {
                    case "user" -> user = value;
                    case "sslmode" -> sslMode = value.toLowerCase(Locale.ROOT);
                    case "password", "sslpassword" -> passwordRemoved = true;
                    default -> options.put(key, value);
                }
            }
        }
        if (database.isBlank()) {
            database = user != null ? user : System.getProperty("user.name");
        }
        return new Parsed(new ConnectionSpec(host, port, database, user, sslMode, options), passwordRemoved);
    }

    /**
     * The libpq defaults from the environment: PGHOST, PGPORT, PGUSER, PGDATABASE, PGSSLMODE. As in libpq, the
     * database defaults to the user name and the user to the operating-system user.
     */
    public static ConnectionSpec fromEnvironment(Map<String, String> env) {
        String host = env.getOrDefault("PGHOST", "localhost");
        if (host.startsWith("/")) {
            // A socket directory: JDBC speaks TCP only; the local server is the closest match.
            host = "localhost";
        }
        int port = env.containsKey("PGPORT") ? parsePort(env.get("PGPORT"), "PGPORT") : DEFAULT_PORT;
        String user = env.get("PGUSER");
        String database = env.getOrDefault("PGDATABASE", user != null ? user : System.getProperty("user.name"));
        String sslMode = env.get("PGSSLMODE");
        return new ConnectionSpec(host, port, database, user, sslMode, Map.of());
    }

    /** The user name to connect as: the given one, else the operating-system user. */
    public String effectiveUser() {
        return user != null ? user : System.getProperty("user.name");
    }

    /** A JDBC URL with no password, safe to show and log. */
    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    /** The same server, another database. */
    public String jdbcUrl(String otherDatabase) {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        StringBuilder url = new StringBuilder("jdbc:postgresql://")
                .append(hostPart)
                .append(':')
                .append(port)
                .append('/')
                .append(encode(otherDatabase));
        String sep = "?";
        if (user != null) {
            url.append(sep).append("user=").append(encode(user));
            sep = "&";
        }
        if (sslMode != null) {
            url.append(sep).append("sslmode=").append(sslMode);
            sep = "&";
        }
        for (Map.Entry<String, String> option : options.entrySet()) {
            url.append(sep).append(encode(option.getKey())).append('=').append(encode(option.getValue()));
            sep = "&";
        }
        return url.toString();
    }

    public ConnectionSpec withDatabase(String otherDatabase) {
        return new ConnectionSpec(host, port, otherDatabase, user, sslMode, options);
    }

    /** Removes anything that looks like a password from a URL, for error messages about bad input. */
    public static String redactUrl(String url) {
        if (url == null) {
            return "";
        }
        return url.replaceAll("(?i)(password|sslpassword)=[^&]*", "$1=***")
                .replaceAll("://([^/@:]*):[^/@]*@", "://$1:***@");
    }

    private static int parsePort(String text, String where) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port <= 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new MigLabException(
                    "Port '" + text + "' in " + redactUrl(where) + " is not a number from 1 to" + " 65535.");
        }
    }

    private static String decode(String text, String where) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MigLabException("'" + redactUrl(where) + "' has a bad %-escape in '" + text + "'.");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
