package io.miglab.core.advisor.config;

import java.util.List;

/**
 * An apply, or a rollback, and the experiment holding it.
 *
 * @param changed the settings it changed, with what they were and what they became
 * @param restarted whether MigLab restarted the lab instance for settings of context postmaster
 * @param restartNeeded whether such settings wait for a restart that MigLab may not do (not a lab instance)
 * @param after the diff as the server shows it afterwards
 */
public record ConfigApplyResult(
        long experimentId,
        String target,
        List<SettingSnapshot> changed,
        boolean restarted,
        boolean restartNeeded,
        List<SettingDiff> after) {
    public ConfigApplyResult {
        changed = List.copyOf(changed);
        after = List.copyOf(after);
    }
}
