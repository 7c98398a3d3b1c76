package io.miglab.core.advisor.config;

import io.miglab.core.MigLabException;
import io.miglab.core.Parameters;

/**
 * Apply PGTune's advice for {@code inputs} to a target: the settings that differ and that the server takes.
 *
 * @param database the database to connect to (settings are the server's), or null for the target's own
 */
public record ConfigApplyRequest(String target, String database, PgTuneInputs inputs) {
    public ConfigApplyRequest {
        if (target == null || target.isBlank()) {
            throw new MigLabException("Choose the target to apply the settings to.");
        }
        if (inputs == null) {
            throw new MigLabException("Applying config advice needs its inputs.");
        }
        database = database == null || database.isBlank() ? null : database.strip();
    }

    /**
     * From a playbook step: {@code target}, optionally {@code database} and the calculator's inputs ({@code ram},
     * {@code cpus}, {@code type}, {@code connections}, {@code storage}, {@code os}, {@code pg-version},
     * {@code data-size}) over {@code defaults}.
     */
    public static ConfigApplyRequest fromParameters(Parameters p, PgTuneInputs defaults) {
        p.allowOnly(
                "target", "database", "ram", "cpus", "type", "connections", "storage", "os", "pg-version", "data-size");
        return new ConfigApplyRequest(p.required("target"), p.optional("database"), PgTuneInputs.from(p, defaults));
    }
}
