package io.miglab.core.script;

import io.miglab.core.MigLabException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The SQL statements of a script cut exactly as {@link ScriptRunner} cuts them, without running anything: for tools
 * that read a script (the migration lint) and must agree with the runner on where each statement starts. Meta-commands
 * are left out and {@code COPY ... FROM stdin} data blocks are skipped up to their {@code \.} line.
 */
public final class ScriptStatements {
    private static final Pattern COPY_FROM_STDIN =
            Pattern.compile("^COPY\\s.*\\sFROM\\s+STDIN\\b", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /**
     * One statement without its semicolon.
     *
     * @param text as the runner would send it: from its first token, leading comments dropped, lines joined by
     *     {@code \n}
     * @param line the 1-based line of its first token
     */
    public record Statement(String text, int line) {}

    private ScriptStatements() {}

    /**
     * The statements of {@code file}, read as UTF-8.
     *
     * @throws MigLabException naming {@code file:line} for a missing file, bytes that are not UTF-8 or a NUL byte (a
     *     binary file)
     */
    public static List<Statement> read(Path file) {
        List<Statement> statements = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                LineSource source = new LineSource(in, new long[1])) {
            ScriptLexer lexer = new ScriptLexer(source, () -> StandardCharsets.UTF_8, () -> true);
            ScriptCommand command;
            while ((command = lexer.next()) != null) {
                if (command instanceof ScriptCommand.Sql sql) {
                    check(file, sql);
                    statements.add(new Statement(sql.text(), sql.line()));
                    if (COPY_FROM_STDIN.matcher(sql.text()).find()) {
                        lexer.skipRestOfLine();
                        while (source.next() && !source.isEndOfCopy()) {
                            // COPY data is not SQL.
                        }
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new MigLabException("The script " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new MigLabException("Cannot read the script " + file + ": " + e.getMessage(), e);
        }
        return List.copyOf(statements);
    }

    private static void check(Path file, ScriptCommand.Sql sql) {
        String text = sql.text();
        int bad = InvalidBytes.firstIn(text);
        int nul = text.indexOf('\0');
        if (bad < 0 && nul < 0) {
            return;
        }
        int at = bad < 0 ? nul : nul < 0 ? bad : Math.min(bad, nul);
        int line = sql.line();
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        String problem =
                at == nul ? "a NUL byte: this is a binary file, not an SQL script" : InvalidBytes.message(text, at);
        throw new MigLabException(file + ":" + line + ": " + problem + ".");
    }
}
