package io.miglab.core.advisor.config;

/**
 * One recommended setting.
 *
 * @param name the setting, as pg_settings names it
 * @param value the value as postgresql.conf takes it, sizes in PGTune's units ({@code 2GB}, {@code 512MB},
 *     {@code 10280kB})
 * @param numeric the value as a number in the setting's own unit (the unit pg_settings shows: 8kB blocks for
 *     shared_buffers, kB for work_mem, MB for max_wal_size), or null for a setting that takes a word
 * @param unit that unit ({@code 8kB}, {@code kB}, {@code MB}), or null for a plain number or a word
 */
public record Recommendation(String name, String value, Double numeric, String unit) {

    /** The postgresql.conf line: {@code name = value}. */
    public String confLine() {
        return name + " = " + value;
    }

    /** The ALTER SYSTEM statement that sets it. */
    public String alterSystem() {
        return "ALTER SYSTEM SET " + name + " = '" + value.replace("'", "''") + "'";
    }
}
