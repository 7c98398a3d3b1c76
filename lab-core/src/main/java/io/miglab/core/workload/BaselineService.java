package io.miglab.core.workload;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.inventory.StatStatements;
import io.miglab.core.ledger.Experiment;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.ledger.ExperimentStatus;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.targets.ServerFingerprint;
import io.miglab.core.targets.TargetConnector;
import io.miglab.core.targets.TargetRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link Baselines} on a workspace's ledger and targets. */
public final class BaselineService implements Baselines {
    private final Ledger ledger;
    private final TargetRegistry targets;

    public BaselineService(Ledger ledger, TargetRegistry targets) {
        this.ledger = ledger;
        this.targets = targets;
    }

    @Override
    public Run run(
            BaselineRequest request, ProgressListener progress, BaselineListener live, Cancellation cancellation) {
        TargetConnector connector = targets.connector(request.target());
        Workload.Replay replay = workload(request.workload(), request.target(), request.database(), connector);
        BaselineRecorder.Recorded recorded = new BaselineRecorder(ledger)
                .runAndRecord(
                        new BaselineRunner(connector),
                        ServerFingerprint.capture(request.target(), connector, request.database()),
                        request.database(),
                        replay.workload(),
                        request.options(),
                        cancellation,
                        progress,
                        live);
        return new Run(recorded.experimentId(), recorded.result(), replay.skipped());
    }

    /** The statements of {@code source}, read now: a file when the run starts, pg_stat_statements from the target. */
    static Workload.Replay workload(
            BaselineRequest.WorkloadSource source, String target, String database, TargetConnector connector) {
        if (source instanceof BaselineRequest.WorkloadSource.Given given) {
            return new Workload.Replay(given.workload(), List.of());
        }
        if (source instanceof BaselineRequest.WorkloadSource.File file) {
            return new Workload.Replay(Workload.read(file.path()), List.of());
        }
        return topStatements(
                target, database, connector, ((BaselineRequest.WorkloadSource.TopStatements) source).count());
    }

    private static Workload.Replay topStatements(String target, String database, TargetConnector connector, int count) {
        try (Connection connection = connector.openOrExplain(database)) {
            StatStatements pgss = StatStatements.probe(connection);
            if (!pgss.available()) {
                throw new MigLabException(pgss.hint());
            }
            // Ask for more than needed: statements with parameters, and anything but reads, are left out.
            return Workload.fromTopStatements(
                    "pg_stat_statements top " + count, pgss.top(connection, count * 5), count);
        } catch (SQLException e) {
            throw new MigLabException("Cannot read pg_stat_statements on " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Run open(long experimentId) {
        return new Run(experimentId, new BaselineRecorder(ledger).load(experimentId), List.of());
    }

    @Override
    public List<Stored> baselines(String target, int limit) {
        return ledger.list(new ExperimentFilter(BaselineRecorder.KIND, null, target, null, limit)).stream()
                .map(BaselineService::stored)
                .toList();
    }

    @Override
    public Optional<Run> latest(String target, String database) {
        return baselines(target, 200).stream()
                .filter(s -> s.status() == ExperimentStatus.SUCCEEDED || s.status() == ExperimentStatus.FAILED)
                .filter(s -> database == null || Objects.equals(database, s.database()))
                .findFirst()
                .map(s -> open(s.experimentId()));
    }

    @Override
    public Comparison compare(long before, long after, CompareOptions options) {
        return new BaselineRecorder(ledger).compare(before, after, options);
    }

    private static Stored stored(Experiment e) {
        String database = e.parameters() != null && e.parameters().hasNonNull("database")
                ? e.parameters().get("database").asText()
                : e.target() == null ? null : e.target().dataset();
        return new Stored(
                e.id(),
                e.title(),
                e.target() == null ? null : e.target().targetName(),
                database,
                e.startedAt(),
                e.status(),
                e.error());
    }
}
