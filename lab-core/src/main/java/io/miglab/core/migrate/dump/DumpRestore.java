package io.miglab.core.migrate.dump;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import java.util.List;

/**
 * pg_dump and pg_restore as one feature for every caller: the client program fit for the server is chosen by
 * {@link io.miglab.core.migrate.ClientTools} (or what is missing is said, with what to install), the verbose output is
 * followed per table, and each run is an experiment of kind {@code dump} or {@code restore}. Reads run with the
 * guard's read-only session; a restore writes only into a lab target directly, or into an unlocked guarded target
 * through MigLab's gated script runner; a locked guarded destination is refused before anything runs.
 */
public interface DumpRestore {
    String DUMP_KIND = "dump";
    String RESTORE_KIND = "restore";

    Dump dump(DumpRequest request, TableListener tables, ProgressListener progress, Cancellation cancellation);

    Restore restore(RestoreRequest request, TableListener tables, ProgressListener progress, Cancellation cancellation);

    default Dump dump(DumpRequest request, ProgressListener progress, Cancellation cancellation) {
        return dump(request, TableListener.NONE, progress, cancellation);
    }

    default Restore restore(RestoreRequest request, ProgressListener progress, Cancellation cancellation) {
        return restore(request, TableListener.NONE, progress, cancellation);
    }

    /** Tables as the verbose output names them ({@code public.rental}), when each starts and ends. */
    interface TableListener {
        TableListener NONE = new TableListener() {};

        default void started(String table) {}

        default void finished(String table, double seconds) {}
    }

    /**
     * One table's share of a dump or restore.
     *
     * @param bytes the table's size on the source from the catalog (dump), or -1 when unknown (restore)
     */
    record TableTime(String table, long bytes, double seconds) {}

    /**
     * A finished dump.
     *
     * @param path the archive, folder or SQL file written
     * @param tool the pg_dump run and its version line
     * @param bytes the size on disk of what was written
     */
    record Dump(
            long experimentId,
            String target,
            String database,
            String serverVersion,
            DumpFormat format,
            String path,
            String tool,
            int jobs,
            List<TableTime> tables,
            long bytes,
            double seconds) {}

    /**
     * A finished restore.
     *
     * @param dumpedBy the pg_dump version that wrote the dump ({@code 15.20}), from its header
     * @param tool what ran the SQL: a pg_restore (path and version), or MigLab's script runner
     * @param throughGate the SQL went through the gated script runner (an unlocked guarded destination, or a plain
     *     dump), sequentially
     * @param notes what the user should know about how it ran (options added, -j not used through the gate)
     */
    record Restore(
            long experimentId,
            String target,
            String database,
            String serverVersion,
            DumpFormat format,
            String dumpedBy,
            String tool,
            int jobs,
            boolean throughGate,
            List<TableTime> tables,
            long rows,
            double seconds,
            List<String> notes) {}
}
