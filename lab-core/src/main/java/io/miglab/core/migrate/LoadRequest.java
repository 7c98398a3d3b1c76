package io.miglab.core.migrate;

import io.miglab.core.MigLabException;
import java.util.List;
import java.util.Objects;

/**
 * Move the tables of one database on {@code source} into {@code destination}: the one input of {@link Loaders#load}.
 * The destination database is created when missing; tables that already exist there are refused unless
 * {@code replace} is set, in which case they are dropped first.
 *
 * @param sourceDatabase the source's database, or null for the source's own
 * @param destinationDatabase the destination's database, or null for the same name as the source's
 * @param tables {@code table} or {@code schema.table}; empty for every table
 */
public record LoadRequest(
        String source,
        String sourceDatabase,
        String destination,
        String destinationDatabase,
        List<String> tables,
        LoaderSettings settings,
        boolean replace) {

    public LoadRequest {
        if (source == null || source.isBlank()) {
            throw new MigLabException("Choose the source target to load from.");
        }
        if (destination == null || destination.isBlank()) {
            throw new MigLabException("Choose the destination target to load into.");
        }
        if (settings == null) {
            throw new MigLabException("Choose a loader.");
        }
        source = source.strip();
        destination = destination.strip();
        sourceDatabase = blankToNull(sourceDatabase);
        destinationDatabase = blankToNull(destinationDatabase);
        if (destinationDatabase == null) {
            destinationDatabase = sourceDatabase;
        }
        if (source.equals(destination) && Objects.equals(sourceDatabase, destinationDatabase)) {
            throw new MigLabException("The source and the destination are the same database: choose another"
                    + " destination target or database.");
        }
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

    public LoadRequest withSettings(LoaderSettings other) {
        return new LoadRequest(source, sourceDatabase, destination, destinationDatabase, tables, other, replace);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
