package io.miglab.core.migrate;

import io.miglab.core.MigLabException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The ways MigLab can move rows from one target to another; {@link #id()} is what the CLI and JSON use. */
public enum LoaderKind {
    INSERT_ROW("insert-row", "Row-by-row INSERT, one statement per row"),
    INSERT_BATCH("insert-batch", "Batched INSERT (JDBC batches of prepared statements)"),
    INSERT_MULTIROW("insert-multirow", "Multi-row INSERT ... VALUES (...), (...)"),
    COPY_TEXT("copy", "COPY in text format"),
    COPY_BINARY("copy-binary", "COPY in binary format"),
    COPY_PARALLEL("copy-parallel", "COPY with N workers, per table and by key ranges of large tables"),
    DUMP_CUSTOM("dump-custom", "pg_dump -Fc, then pg_restore -j N"),
    DUMP_DIRECTORY("dump-directory", "pg_dump -Fd -j N, then pg_restore -j N");

    private final String id;
    private final String description;

    LoaderKind(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Whether this loader runs pg_dump and pg_restore instead of MigLab's own connections. */
    public boolean external() {
        return this == DUMP_CUSTOM || this == DUMP_DIRECTORY;
    }

    /** Whether the workers setting means anything for this loader. */
    public boolean parallel() {
        return this == COPY_PARALLEL || external();
    }

    /** Whether the batch size setting means anything for this loader. */
    public boolean batched() {
        return this == INSERT_BATCH || this == INSERT_MULTIROW;
    }

    public static LoaderKind byId(String id) {
        for (LoaderKind k : values()) {
            if (k.id.equalsIgnoreCase(id == null ? "" : id.strip())) {
                return k;
            }
        }
        throw new MigLabException("Unknown loader '" + id + "'; choose one of "
                + Arrays.stream(values()).map(LoaderKind::id).collect(Collectors.joining(", ")) + ".");
    }
}
