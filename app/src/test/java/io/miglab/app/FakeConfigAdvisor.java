package io.miglab.app;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.advisor.config.ConfigAdvice;
import io.miglab.core.advisor.config.ConfigAdvisor;
import io.miglab.core.advisor.config.ConfigApplyRequest;
import io.miglab.core.advisor.config.ConfigApplyResult;
import io.miglab.core.advisor.config.ConfigProveRequest;
import io.miglab.core.advisor.config.MachineResources;
import io.miglab.core.advisor.config.PgTune;
import io.miglab.core.advisor.config.PgTuneInputs;
import io.miglab.core.advisor.config.Recommendation;
import io.miglab.core.advisor.config.SettingDiff;
import io.miglab.core.advisor.config.SettingSnapshot;
import io.miglab.core.units.Sizes;
import io.miglab.core.workload.AbRequest;
import io.miglab.core.workload.AbRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The config advisor in memory, for view-model tests: PGTune's real calculator, a machine with 8 GB and 4 CPUs
 * behind a cgroup limit, a PostgreSQL 16 target whose every setting differs (wal_compression = lz4 not taken), and
 * apply, rollback and prove that record what they were asked. No database.
 */
public final class FakeConfigAdvisor implements ConfigAdvisor {
    private static final Set<String> POSTMASTER =
            Set.of("shared_buffers", "max_connections", "huge_pages", "wal_buffers", "max_worker_processes");

    public final List<ConfigApplyRequest> applies = new ArrayList<>();
    public final List<Long> rollbacks = new ArrayList<>();
    public final List<ConfigProveRequest> proves = new ArrayList<>();
    public final FakeAbTests abTests = new FakeAbTests();
    public boolean writable = true;
    private long nextId = 100;

    @Override
    public ConfigAdvice advise(PgTuneInputs inputs) {
        return PgTune.advise(inputs);
    }

    @Override
    public PgTuneInputs defaults(String target, String database) {
        PgTuneInputs machine = PgTuneInputs.forMachine(8 * Sizes.GB, 4);
        return target == null ? machine : machine.withVersion(16);
    }

    @Override
    public MachineResources machine() {
        return new MachineResources(8 * Sizes.GB, 4, "cgroup v2 memory.max", "available processors");
    }

    @Override
    public List<SettingDiff> diff(String target, String database, ConfigAdvice advice) {
        List<SettingDiff> rows = new ArrayList<>();
        for (Recommendation r : advice.settings()) {
            boolean restart = POSTMASTER.contains(r.name());
            rows.add(new SettingDiff(
                    r.name(),
                    r.name().equals("checkpoint_completion_target") ? r.value() : "1",
                    r.value(),
                    r.unit(),
                    restart ? "postmaster" : "sighup",
                    false,
                    !r.name().equals("checkpoint_completion_target"),
                    r.name().equals("wal_compression")
                            ? "this server does not take lz4 (it takes pglz, on, off)"
                            : null));
        }
        return rows;
    }

    @Override
    public boolean writable(String target) {
        return writable;
    }

    @Override
    public ConfigApplyResult apply(ConfigApplyRequest request, ProgressListener progress, Cancellation cancellation) {
        if (!writable) {
            throw new MigLabException("Writes are locked on guarded target '" + request.target() + "'.");
        }
        applies.add(request);
        ConfigAdvice advice = advise(request.inputs());
        List<SettingSnapshot> changed = advice.settings().stream()
                .filter(r -> !r.name().equals("wal_compression") && !r.name().equals("checkpoint_completion_target"))
                .map(r -> new SettingSnapshot(
                        r.name(),
                        "1",
                        r.unit(),
                        null,
                        r.value(),
                        POSTMASTER.contains(r.name()) ? "postmaster" : "sighup"))
                .toList();
        return new ConfigApplyResult(
                nextId++, request.target(), changed, true, false, diff(request.target(), null, advice));
    }

    @Override
    public ConfigApplyResult rollback(long applyExperiment, ProgressListener progress, Cancellation cancellation) {
        rollbacks.add(applyExperiment);
        return new ConfigApplyResult(nextId++, "lab", List.of(), true, false, List.of());
    }

    @Override
    public AbRun prove(ConfigProveRequest request, ProgressListener progress, Cancellation cancellation) {
        proves.add(request);
        return abTests.run(
                new AbRequest(
                        "lab",
                        request.database(),
                        request.workload(),
                        AbRequest.AbSide.of("A: before", "ALTER SYSTEM RESET work_mem"),
                        AbRequest.AbSide.of("B: advice", "ALTER SYSTEM SET work_mem = '10280kB'"),
                        request.rounds(),
                        request.round(),
                        request.applyExperiment()),
                progress,
                cancellation);
    }
}
