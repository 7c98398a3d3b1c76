package io.miglab.core.migrate;

/** Quoting for the SQL the loaders build: every identifier quoted, whatever it holds. */
final class Quote {
    private Quote() {}

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String qualified(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    /** A string literal; MigLab's sessions run with standard_conforming_strings on, so only quotes double. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
