package io.miglab.core.inventory;

/**
 * Quoting of SQL identifiers. Catalog names come back raw (a table may be called {@code My "odd" Täble}); any name
 * that goes back into SQL text is quoted here, never concatenated as it is, so spaces, quotes, capitals and
 * non-ASCII letters survive and nothing can be injected through a name.
 */
public final class Identifiers {
    private Identifiers() {}

    /** {@code name} as a double-quoted identifier, inner double quotes doubled as PostgreSQL requires. */
    public static String quote(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("An SQL identifier cannot be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("An SQL identifier cannot contain a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."name"}, each part quoted. */
    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    /**
     * A name as psql shows it: plain when it is a lower-case identifier, double-quoted when it holds capitals,
     * spaces, quotes or other letters, so what is shown can be typed back into SQL. (Reserved words are not
     * detected: they are shown plain.)
     */
    public static String shown(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : quote(name);
    }

    /** {@code schema.name} as psql shows it, each part as {@link #shown(String)}. */
    public static String shown(String schema, String name) {
        return shown(schema) + "." + shown(name);
    }

    /** A string literal ({@code 'it''s'}), for the rare statement that cannot take a bind parameter. */
    public static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("An SQL literal cannot contain a NUL character");
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
