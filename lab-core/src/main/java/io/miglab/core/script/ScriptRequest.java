package io.miglab.core.script;

import io.miglab.core.MigLabException;
import io.miglab.core.Parameters;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Which scripts to run where: the one input of {@link Scripts#run}.
 *
 * @param files run in order in one session, as {@code psql -f a.sql -f b.sql}
 * @param database the database to start in, or null for the target's own
 * @param singleTransaction all or nothing, as {@code psql --single-transaction}
 * @param stopOnError stop at the first error (ON_ERROR_STOP), else report it and go on
 */
public record ScriptRequest(
        String target, String database, List<Path> files, boolean singleTransaction, boolean stopOnError) {

    public ScriptRequest {
        if (target == null || target.isBlank()) {
            throw new MigLabException("Choose the target to run the script on.");
        }
        if (files == null || files.isEmpty()) {
            throw new MigLabException("Give at least one script file to run.");
        }
        files = List.copyOf(files);
        database = database == null || database.isBlank() ? null : database.strip();
    }

    public ScriptOptions options() {
        return ScriptOptions.defaults()
                .withDatabase(database)
                .withSingleTransaction(singleTransaction)
                .withStopOnError(stopOnError);
    }

    /**
     * From a playbook step: {@code target}, {@code files} (separated by commas), optionally {@code database},
     * {@code single-transaction}, {@code stop-on-error} (default true).
     */
    public static ScriptRequest fromParameters(Parameters p) {
        p.allowOnly("target", "database", "files", "single-transaction", "stop-on-error");
        List<Path> files = Arrays.stream(p.required("files").split(","))
                .map(String::strip)
                .filter(f -> !f.isEmpty())
                .map(Path::of)
                .toList();
        return new ScriptRequest(
                p.required("target"),
                p.optional("database"),
                files,
                p.flag("single-transaction", false),
                p.flag("stop-on-error", true));
    }
}
