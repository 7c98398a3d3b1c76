package io.miglab.core.advisor.config;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.workload.AbRun;
import java.util.List;

/**
 * Config advice as one feature for every caller ({@code miglab advise config}, the Config tuning page, playbooks):
 * PGTune's calculator, its defaults from the machine and the target, the diff against pg_settings, and on a lab
 * instance (or an unlocked guarded target) apply, roll back and prove with interleaved A/B rounds. Every change is
 * an experiment; a rollback {@code undoes} its apply, an A/B run {@code proves} it.
 */
public interface ConfigAdvisor {
    /** The experiment kind of an apply. */
    String APPLY_KIND = "config-apply";
    /** The experiment kind of a rollback. */
    String ROLLBACK_KIND = "config-rollback";

    /** PGTune's settings for {@code inputs}; pure, no server involved. */
    ConfigAdvice advise(PgTuneInputs inputs);

    /**
     * The calculator's inputs prefilled: memory and CPUs from this machine (container limits first), and when
     * {@code target} is given the server's major version.
     */
    PgTuneInputs defaults(String target, String database);

    /** What the machine gives PostgreSQL, and where each figure came from. */
    MachineResources machine();

    /** Each recommended setting against the target's pg_settings. */
    List<SettingDiff> diff(String target, String database, ConfigAdvice advice);

    /** Whether the target takes writes now (a lab instance, or an unlocked guarded target). */
    boolean writable(String target);

    /**
     * Snapshots the settings that change, sets them with ALTER SYSTEM, reloads, and restarts a lab instance when a
     * postmaster setting changed; a locked guarded target is refused before anything changes.
     */
    ConfigApplyResult apply(ConfigApplyRequest request, ProgressListener progress, Cancellation cancellation);

    /** Puts back what the apply {@code applyExperiment} changed, as its snapshot says; linked {@code undoes}. */
    ConfigApplyResult rollback(long applyExperiment, ProgressListener progress, Cancellation cancellation);

    /**
     * A/B test of the configuration before the apply (A) against the applied one (B), linked {@code proves} to the
     * apply; the applied configuration is in force again afterwards.
     */
    AbRun prove(ConfigProveRequest request, ProgressListener progress, Cancellation cancellation);
}
