package io.miglab.core.advisor.config;

/**
 * A setting as it was before an apply, enough to put it back.
 *
 * @param setting pg_settings' setting, in its unit (what it was)
 * @param unit pg_settings' unit, or null
 * @param autoConf what ALTER SYSTEM had written for it in postgresql.auto.conf, or null when it had written nothing
 *     (then rollback resets it, and the value from postgresql.conf or the default comes back)
 * @param applied the value the apply set
 * @param context pg_settings' context
 */
public record SettingSnapshot(
        String name, String setting, String unit, String autoConf, String applied, String context) {

    /** The statement that puts it back as it was. */
    public String restoreSql() {
        return autoConf == null
                ? "ALTER SYSTEM RESET " + name
                : "ALTER SYSTEM SET " + name + " = '" + autoConf.replace("'", "''") + "'";
    }

    /** The statement that sets what the apply set. */
    public String applySql() {
        return "ALTER SYSTEM SET " + name + " = '" + applied.replace("'", "''") + "'";
    }

    /** What it was, sizes in PGTune's units ({@code 128MB}). */
    public String shownSetting() {
        return PgTune.show(setting, unit);
    }

    public boolean needsRestart() {
        return "postmaster".equals(context);
    }
}
