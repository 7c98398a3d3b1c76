package io.miglab.core.validate;

/** Quoting for the SQL that validation builds: identifiers and literals, never concatenated unquoted. */
final class Sql {
    private Sql() {}

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A string literal; MigLab's sessions run with standard_conforming_strings on, so only quotes double. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
