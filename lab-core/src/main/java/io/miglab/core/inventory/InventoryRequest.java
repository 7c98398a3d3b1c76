package io.miglab.core.inventory;

import io.miglab.core.MigLabException;
import io.miglab.core.Parameters;

/**
 * Which database to take a snapshot of: the one input of {@link Inventories#collect}.
 *
 * @param database a database on the target's server, or null for the target's own
 */
public record InventoryRequest(String target, String database, InventoryOptions options) {

    public InventoryRequest {
        if (target == null || target.isBlank()) {
            throw new MigLabException("Choose the target to take an inventory of.");
        }
        if (options == null) {
            throw new MigLabException("An inventory needs its options.");
        }
        database = database == null || database.isBlank() ? null : database.strip();
    }

    public static InventoryRequest of(String target, String database) {
        return new InventoryRequest(target, database, InventoryOptions.defaults());
    }

    /** From a playbook step: {@code target}, optionally {@code database} and {@code exact-counts}. */
    public static InventoryRequest fromParameters(Parameters p) {
        p.allowOnly("target", "database", "exact-counts");
        return new InventoryRequest(
                p.required("target"),
                p.optional("database"),
                InventoryOptions.defaults().withExactRowCounts(p.flag("exact-counts", false)));
    }
}
