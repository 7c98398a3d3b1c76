package io.miglab.core.script;

/**
 * Where a script went wrong and what PostgreSQL (or the runner) said about it.
 *
 * @param file the script's name as the user gave it
 * @param line the 1-based line of the error: the line of the server's error position when it reported one, else the
 *     line where the statement or meta-command starts
 * @param statementLine the 1-based line where the failing statement or meta-command starts
 * @param statementFirstLine the first line of the failing statement, to recognise it by
 * @param message PostgreSQL's message (or the runner's own, for meta-commands)
 * @param sqlState the SQLSTATE code, or null when the error did not come from the server
 * @param position the server's 1-based character position in the statement, or 0 when it gave none
 */
public record ScriptError(
        String file,
        int line,
        int statementLine,
        String statementFirstLine,
        String message,
        String sqlState,
        int position) {

    /** One line for people: file, line, message, and the statement it came from. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(file).append(':').append(line).append(": ").append(message);
        if (sqlState != null) {
            text.append(" (SQLSTATE ").append(sqlState).append(')');
        }
        if (position > 0) {
            text.append(", at character ").append(position);
        }
        text.append(", in the statement starting at line ")
                .append(statementLine)
                .append(": ")
                .append(statementFirstLine);
        return text.toString();
    }
}
