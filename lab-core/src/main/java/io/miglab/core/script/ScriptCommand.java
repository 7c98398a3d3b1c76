package io.miglab.core.script;

/** One unit the {@link ScriptLexer} cuts from a script: an SQL statement or a psql meta-command. */
sealed interface ScriptCommand {

    /** The 1-based line in its file where the command starts. */
    int line();

    /**
     * An SQL statement without its terminating semicolon; leading whitespace and comments are dropped so that
     * {@code line} is the line of its first keyword.
     */
    record Sql(String text, int line) implements ScriptCommand {
        /** The statement's first line, for error messages. */
        public String firstLine() {
            int newline = text.indexOf('\n');
            return (newline < 0 ? text : text.substring(0, newline)).strip();
        }
    }

    /** A backslash command: {@code name} without the backslash, {@code args} the rest of its line. */
    record Meta(String name, String args, int line) implements ScriptCommand {}
}
