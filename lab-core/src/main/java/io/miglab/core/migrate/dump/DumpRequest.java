package io.miglab.core.migrate.dump;

import io.miglab.core.MigLabException;
import io.miglab.core.units.Ranges;
import java.nio.file.Path;
import java.util.List;

/**
 * What to dump, where to and how: the one input of {@link DumpRestore#dump}.
 *
 * @param database a database on the target's server, or null for the target's own
 * @param out the dump: for the directory format the folder pg_dump creates (it must not exist, or be empty); for
 *     custom and plain a file, or an existing folder to write {@code <database>.dump} / {@code <database>.sql} into
 * @param jobs pg_dump {@code -j}: parallel workers, directory format only
 * @param tables {@code table} or {@code schema.table} (pg_dump {@code -t}); empty for the whole database
 */
public record DumpRequest(String target, String database, Path out, DumpFormat format, int jobs, List<String> tables) {
    public static final int MAX_JOBS = 64;

    public DumpRequest {
        if (target == null || target.isBlank()) {
            throw new MigLabException("Choose the target to dump.");
        }
        if (out == null) {
            throw new MigLabException("Say where the dump goes (--out).");
        }
        if (format == null) {
            format = DumpFormat.CUSTOM;
        }
        Ranges.require(jobs, 1, MAX_JOBS, "-j");
        if (jobs > 1 && format != DumpFormat.DIRECTORY) {
            throw new MigLabException("pg_dump runs -j " + jobs + " only with the directory format; use --format"
                    + " directory, or -j 1 for the " + format.id() + " format.");
        }
        target = target.strip();
        database = database == null || database.isBlank() ? null : database.strip();
        tables = tables == null
                ? List.of()
                : tables.stream()
                        .map(t -> {
                            if (t == null || t.isBlank()) {
                                throw new MigLabException("A table name is empty.");
                            }
                            return t.strip();
                        })
                        .distinct()
                        .toList();
    }
}
