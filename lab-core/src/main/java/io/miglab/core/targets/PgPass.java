package io.miglab.core.targets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads passwords from a libpq password file ({@code ~/.pgpass}, or {@code PGPASSFILE}), so MigLab never has to
 * store one. Lines are {@code hostname:port:database:username:password}; {@code *} matches anything; {@code \:} and
 * {@code \\} escape; the first matching line wins, as in libpq.
 */
public final class PgPass {
    private final Path file;

    public PgPass(Path file) {
        this.file = file;
    }

    /** The password file libpq would use in this environment. */
    public static PgPass fromEnvironment(Map<String, String> env) {
        String explicit = env.get("PGPASSFILE");
        if (explicit != null && !explicit.isBlank()) {
            return new PgPass(Path.of(explicit));
        }
        return new PgPass(Path.of(System.getProperty("user.home"), ".pgpass"));
    }

    public Optional<String> find(String host, int port, String database, String user) {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = split(line);
            if (fields.size() < 5) {
                continue;
            }
            if (matches(fields.get(0), host)
                    && matches(fields.get(1), Integer.toString(port))
                    && matches(fields.get(2), database)
                    && matches(fields.get(3), user)) {
                return Optional.of(fields.get(4));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
