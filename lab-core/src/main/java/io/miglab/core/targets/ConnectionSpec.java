package io.miglab.core.targets;

import io.miglab.core.MigLabException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

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

    /**
     * PostgreSQL's NAMEDATALEN - 1: the server truncates longer names, so a longer one would quietly name another
     * database.
     */
    static final int MAX_NAME_BYTES = 63;

    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private static final String EXAMPLE = "Example: jdbc:postgresql://db.example.com:5432/app?user=me";

    /** A DNS label; underscores are let through because container and cloud host names use them. */
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    /** Query parameters that carry (or may hide) a secret: from there to the end is redacted. */
    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("(?i)([?&][^=&]*(?:password|%[0-9a-f]{2})[^=&]*)=.*$", Pattern.DOTALL);

    /** A query parameter that is a password, or may be one behind %-escapes. */
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)[?&]((ssl)?password=|[^=&]*%)");

    public ConnectionSpec {
        if (host == null || host.isBlank()) {
            throw new MigLabException("A connection needs a host.");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        checkHost(host, true);
        checkPort(port);
        if (database == null || database.isEmpty()) {
            throw new MigLabException("A connection needs a database name.");
        }
        checkDatabase(database, true);
        if (sslMode != null && !SSL_MODES.contains(sslMode)) {
            throw new MigLabException("'" + sslMode + "' is not an sslmode; use one of "
                    + String.join(", ", new java.util.TreeSet<>(SSL_MODES)) + ".");
        }
        TreeMap<String, String> cleaned = new TreeMap<>();
        if (options != null) {
            for (Map.Entry<String, String> option : options.entrySet()) {
                if (SECRET_PROPERTIES.contains(option.getKey().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                String name = ConnectionOptions.canonicalName(option.getKey())
                        .orElseThrow(() -> refusedOption(option.getKey(), true));
                cleaned.put(name, option.getValue() == null ? "" : option.getValue());
            }
        }
        options = Map.copyOf(cleaned);
    }

    /** The result of parsing user input: the spec, and whether a password had to be removed from it. */
    public record Parsed(ConnectionSpec spec, boolean passwordRemoved) {}

    /**
     * Parses {@code jdbc:postgresql://host[:port]/database[?user=...&sslmode=...]} or the libpq form {@code
     * postgresql://[user[:password]@]host[:port]/database[?...]}. A password in the URL is dropped (see {@link
     * Parsed}); it may hold any character but a raw {@code ?} (write {@code %3F}), because the query starts at the
     * first {@code ?} and the password ends at the last {@code @} before it. A raw {@code @} in a database name must
     * be written {@code %40} for the same reason.
     *
     * <p>Errors name the part that is wrong; when the URL may hold a password they quote none of its text, since a
     * wrongly split URL could put a piece of the password in any part.
     */
    public static Parsed parseUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new MigLabException("The connection URL is empty.", EXAMPLE, null);
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
                    EXAMPLE,
                    null);
        }
        boolean quote = !mayHoldPassword(rest);
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                pairs.add(new String[] {eq >= 0 ? pair.substring(0, eq) : pair, eq >= 0 ? pair.substring(eq + 1) : ""});
            }
        }
        boolean passwordRemoved = false;
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            int colon = userInfo.indexOf(':');
            String userPart = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
            // A user name holds no raw '/': when the part before '@' does, the '@' is in the database name.
            if (userPart.indexOf('/') < 0) {
                passwordRemoved = colon >= 0;
                user = decode(userPart, "the user name", quote);
                rest = rest.substring(at + 1);
            }
        }
        int slash = rest.indexOf('/');
        String hostPort = slash >= 0 ? rest.substring(0, slash) : rest;
        String database = slash >= 0 ? decode(rest.substring(slash + 1), "the database name", quote) : "";
        if (hostPort.contains(",")) {
            throw new MigLabException("The URL names several hosts; MigLab connects to one server per target.");
        }
        String host;
        int port = DEFAULT_PORT;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new MigLabException("The IPv6 address in the URL has no closing ']'.");
            }
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (after.startsWith(":")) {
                port = parsePort(after.substring(1), "the URL");
            } else if (!after.isEmpty()) {
                throw new MigLabException("The URL has text after the IPv6 address that is not ':port'.");
            }
            if (!isIpv6(host)) {
                throw badHost(host, quote);
            }
        } else {
            int colon = hostPort.indexOf(':');
            if (colon >= 0 && hostPort.indexOf(':', colon + 1) >= 0) {
                throw new MigLabException(
                        "The host in the URL has several ':'; write an IPv6 address in brackets, as in"
                                + " postgresql://[::1]:5432/db.");
            }
            host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
            if (colon >= 0) {
                port = parsePort(hostPort.substring(colon + 1), "the URL");
            }
            if (host.isEmpty()) {
                throw new MigLabException("The URL has no host name.");
            }
            checkHost(host, quote);
        }
        Map<String, String> options = new TreeMap<>();
        String sslMode = null;
        for (String[] pair : pairs) {
            String key = decode(pair[0], "a connection option's name", quote);
            String value = decode(pair[1], "the value of a connection option", quote);
            switch (key.toLowerCase(Locale.ROOT)) {
                case "user" -> user = value;
                case "sslmode" -> sslMode = value.toLowerCase(Locale.ROOT);
                case "password", "sslpassword" -> passwordRemoved = true;
                default -> options.put(
                        ConnectionOptions.canonicalName(key).orElseThrow(() -> refusedOption(key, quote)), value);
            }
        }
        if (sslMode != null && !SSL_MODES.contains(sslMode)) {
            throw new MigLabException((quote ? "'" + sslMode + "' is not an sslmode" : "The sslmode is not one")
                    + "; use one of " + String.join(", ", new java.util.TreeSet<>(SSL_MODES)) + ".");
        }
        if (database.isEmpty()) {
            // As libpq: no database means the one named like the user.
            database = user != null ? user : System.getProperty("user.name");
        }
        checkDatabase(database, quote);
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

    /** The libpq sslmodes a form offers, weakest first. */
    public static final List<String> SSL_MODE_CHOICES =
            List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    /**
     * What is wrong with a host typed into a form, in the words the spec itself uses; empty when it is fine. For
     * forms that show each field's problem beside the field rather than the first one on saving.
     */
    public static java.util.Optional<String> hostProblem(String host) {
        if (host == null || host.isBlank()) {
            return java.util.Optional.of("A connection needs a host.");
        }
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return problem(h, x -> checkHost(x, true));
    }

    /** What is wrong with a port typed into a form; empty when it is a number from 1 to 65535. */
    public static java.util.Optional<String> portProblem(String port) {
        String digits = port == null ? "" : port.strip();
        if (digits.isEmpty()) {
            return java.util.Optional.of("A connection needs a port (PostgreSQL's is " + DEFAULT_PORT + ").");
        }
        if (!DIGITS.matcher(digits).matches() || digits.length() > 5) {
            return java.util.Optional.of("The port must be a number from 1 to 65535.");
        }
        return problem(Integer.parseInt(digits), ConnectionSpec::checkPort);
    }

    /** What is wrong with a database name typed into a form; empty when PostgreSQL can hold it. */
    public static java.util.Optional<String> databaseProblem(String database) {
        if (database == null || database.isEmpty()) {
            return java.util.Optional.of("A connection needs a database name.");
        }
        return problem(database, d -> checkDatabase(d, true));
    }

    private static <T> java.util.Optional<String> problem(T value, java.util.function.Consumer<T> check) {
        try {
            check.accept(value);
            return java.util.Optional.empty();
        } catch (MigLabException e) {
            return java.util.Optional.of(e.getMessage());
        }
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

    /**
     * Removes anything that may be a password from a URL, for error messages about bad input: everything between
     * {@code ://} and the last {@code @}, and every query parameter from the first one that names a password (or
     * hides its name in %-escapes) to the end, since a raw password may hold {@code &}. Over-redacts on purpose.
     */
    public static String redactUrl(String url) {
        if (url == null) {
            return "";
        }
        String redacted = url;
        int scheme = redacted.indexOf("://");
        int start = scheme >= 0 ? scheme + 3 : 0;
        int at = redacted.lastIndexOf('@');
        if (at >= start) {
            redacted = redacted.substring(0, start) + "***" + redacted.substring(at);
        }
        return SECRET_PARAMETER.matcher(redacted).replaceFirst("$1=***");
    }

    /**
     * Whether part of the URL may be a password: a ':' before an '@' ({@code user:password@host}, but also a port
     * before an '@' in the query, which is over-cautious), or a query parameter that names one or hides its name in
     * %-escapes.
     */
    private static boolean mayHoldPassword(String afterScheme) {
        int colon = afterScheme.indexOf(':');
        if (colon >= 0 && afterScheme.lastIndexOf('@') > colon) {
            return true;
        }
        return PASSWORD_PARAMETER.matcher(afterScheme).find();
    }

    /** Refuses a host that is not a host name, an IPv4 address or an IPv6 address (stored without brackets). */
    static void checkHost(String host, boolean quote) {
        if (host.indexOf(':') >= 0) {
            if (!isIpv6(host)) {
                throw badHost(host, quote);
            }
            return;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > 253) {
            throw badHost(host, quote);
        }
        String[] labels = name.split("\\.", -1);
        boolean numeric = DIGITS.matcher(labels[labels.length - 1]).matches();
        if (numeric) {
            // A top-level label is never all digits (RFC 1123), so this is meant as an IPv4 address.
            if (labels.length != 4) {
                throw badHost(host, quote);
            }
            for (String label : labels) {
                if (!DIGITS.matcher(label).matches() || label.length() > 3 || Integer.parseInt(label) > 255) {
                    throw badHost(host, quote);
                }
            }
            return;
        }
        for (String label : labels) {
            if (!HOST_LABEL.matcher(label).matches()) {
                throw badHost(host, quote);
            }
        }
    }

    /** An IPv6 literal; parsed by the JDK, which never asks DNS for a bracketed literal. */
    private static boolean isIpv6(String address) {
        if (!IPV6_CHARS.matcher(address).matches() || address.indexOf(':') < 0) {
            return false;
        }
        try {
            InetAddress.getByName("[" + address + "]");
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static MigLabException badHost(String host, boolean quote) {
        return new MigLabException("The host" + (quote ? " '" + host + "'" : " in the URL")
                + " is not a host name, an IPv4 address or an IPv6 address in brackets.");
    }

    private static void checkPort(int port) {
        if (port <= 0 || port > 65535) {
            throw new MigLabException("Port " + port + " is out of range (1-65535).");
        }
    }

    /** Refuses database names PostgreSQL cannot hold: empty, NUL, or longer than it keeps. */
    static void checkDatabase(String database, boolean quote) {
        if (database.isBlank()) {
            throw new MigLabException("The database name" + (quote ? "" : " in the URL") + " is empty.");
        }
        if (database.indexOf('\0') >= 0) {
            throw new MigLabException("The database name" + (quote ? "" : " in the URL")
                    + " holds a NUL character, which PostgreSQL names cannot.");
        }
        int bytes = database.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new MigLabException("The database name" + (quote ? " '" + database + "'" : " in the URL") + " is "
                    + bytes + " bytes long; PostgreSQL names hold at most " + MAX_NAME_BYTES + ".");
        }
    }

    private static MigLabException refusedOption(String key, boolean quote) {
        return new MigLabException((quote ? "Connection option '" + key + "'" : "A connection option in the URL")
                + " is not allowed: " + ConnectionOptions.whyRefused(key) + ".");
    }

    /** The port, never quoted: it may be the start of a password typed without its '@'. */
    private static int parsePort(String text, String where) {
        String digits = text.strip();
        if (DIGITS.matcher(digits).matches() && digits.length() <= 5) {
            int port = Integer.parseInt(digits);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        throw new MigLabException("The port in " + where + " must be a number from 1 to 65535.");
    }

    private static String decode(String text, String part, boolean quote) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MigLabException(
                    "The URL has a bad %-escape in " + part + (quote ? " ('" + text + "')" : "") + ".");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
