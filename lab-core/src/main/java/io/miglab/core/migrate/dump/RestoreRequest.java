package io.miglab.core.migrate.dump;

import io.miglab.core.MigLabException;
import io.miglab.core.units.Ranges;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which dump to restore where: the one input of {@link DumpRestore#restore}.
 *
 * @param from a custom-format archive, a directory-format folder, or a plain SQL file written by pg_dump
 * @param database the destination database, or null for the target's own
 * @param jobs pg_restore {@code -j}: parallel workers (custom and directory formats, straight into the server)
 * @param create create the database first when it does not exist
 * @param clean drop the dump's objects before creating them ({@code --clean --if-exists})
 */
public record RestoreRequest(Path from, String target, String database, int jobs, boolean create, boolean clean) {
    public RestoreRequest {
        if (from == null) {
            throw new MigLabException("Say which dump to restore (--from).");
        }
        if (target == null || target.isBlank()) {
            throw new MigLabException("Choose the target to restore into.");
        }
        Ranges.require(jobs, 1, DumpRequest.MAX_JOBS, "-j");
        if (!Files.exists(from)) {
            throw new MigLabException("The dump " + from + " does not exist.");
        }
        target = target.strip();
        database = database == null || database.isBlank() ? null : database.strip();
    }
}
