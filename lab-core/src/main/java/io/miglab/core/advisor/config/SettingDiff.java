package io.miglab.core.advisor.config;

/**
 * One recommended setting against what the server runs with now (pg_settings).
 *
 * @param current the server's value, sizes in the same units as the recommendation ({@code 128MB}); null when the
 *     server has no such setting
 * @param recommended the recommended value, as postgresql.conf takes it
 * @param unit pg_settings' unit of the setting ({@code 8kB}, {@code kB}, {@code MB}), or null
 * @param context pg_settings' context: {@code user}, {@code superuser} and {@code sighup} take effect on a reload,
 *     {@code postmaster} needs a restart
 * @param pendingRestart pg_settings' pending_restart: a value already changed in the files waits for a restart
 * @param differs whether the recommendation changes the current value
 * @param problem why the recommendation cannot be applied on this server (no such setting in this version, a value
 *     this build does not take, out of range), or null when it can
 */
public record SettingDiff(
        String name,
        String current,
        String recommended,
        String unit,
        String context,
        boolean pendingRestart,
        boolean differs,
        String problem) {

    /** Whether setting it takes a restart rather than a reload. */
    public boolean needsRestart() {
        return "postmaster".equals(context);
    }

    /** Whether apply changes it: it differs and this server takes it. */
    public boolean applicable() {
        return differs && problem == null;
    }

    /** "reload" or "restart", as the tables show it. */
    public String takesEffect() {
        return context == null ? "" : needsRestart() ? "restart" : "reload";
    }
}
