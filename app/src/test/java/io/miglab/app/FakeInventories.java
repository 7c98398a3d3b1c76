package io.miglab.app;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.finding.Finding;
import io.miglab.core.finding.Severity;
import io.miglab.core.finding.Subject;
import io.miglab.core.inventory.Inventories;
import io.miglab.core.inventory.InventoryDiff;
import io.miglab.core.inventory.InventoryRequest;
import io.miglab.core.inventory.InventorySnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Inventories in memory, for view-model tests: {@link #collect} stores the snapshot a test prepared with {@link
 * #nextTables}, and the stored ones list, reopen and diff as the ledger-backed service does; no database.
 */
public final class FakeInventories implements Inventories {
    private final Map<Long, Stored> stored = new LinkedHashMap<>();
    private final Map<Long, InventorySnapshot> snapshots = new LinkedHashMap<>();
    public final List<InventoryRequest> requests = new ArrayList<>();
    /** The tables the next snapshot finds. */
    public List<InventorySnapshot.Table> nextTables = List.of(table("public", "film", 1000, 8192 * 40));
    /** The settings the next snapshot finds. */
    public List<InventorySnapshot.Setting> nextSettings = List.of();
    /** The next collect fails with this message when set. */
    public String failWith;
    /** The next collect is cancelled by the user while it runs. */
    public boolean cancelNext;

    private long nextId = 1;
    private Instant clock = Instant.parse("2026-12-01T10:00:00Z");

    @Override
    public Snapshot collect(InventoryRequest request, ProgressListener progress, Cancellation cancellation) {
        requests.add(request);
        if (failWith != null) {
            throw new MigLabException(failWith);
        }
        if (cancelNext) {
            cancelNext = false;
            cancellation.cancel();
            throw new CancelledException();
        }
        String database = request.database() == null ? "postgres" : request.database();
        clock = clock.plusSeconds(60);
        InventorySnapshot s = snapshot(clock, database, nextTables, nextSettings);
        long id = nextId++;
        snapshots.put(id, s);
        stored.put(id, new Stored(id, "Inventory of " + database, request.target(), request.database(), clock));
        return new Snapshot(id, s);
    }

    @Override
    public Snapshot open(long experimentId) {
        InventorySnapshot s = snapshots.get(experimentId);
        if (s == null) {
            throw new MigLabException("There is no inventory experiment " + experimentId + ".");
        }
        return new Snapshot(experimentId, s);
    }

    @Override
    public List<Stored> snapshots(String target, int limit) {
        List<Stored> newestFirst = new ArrayList<>(stored.values());
        java.util.Collections.reverse(newestFirst);
        return newestFirst.stream()
                .filter(s -> target == null || target.equals(s.target()))
                .limit(limit <= 0 ? Long.MAX_VALUE : limit)
                .toList();
    }

    @Override
    public Optional<Snapshot> latest(String target, String database) {
        return snapshots(target, 200).stream()
                .filter(s -> database == null || Objects.equals(database, s.database()))
                .findFirst()
                .map(s -> open(s.experimentId()));
    }

    @Override
    public InventoryDiff diff(long before, long after) {
        return InventoryDiff.between(open(before).snapshot(), open(after).snapshot());
    }

    public static InventorySnapshot.Table table(String schema, String name, long rows, long bytes) {
        return new InventorySnapshot.Table(
                schema, name, "table", false, rows, null, bytes, 0, 0, bytes, rows, 0L, null, null, null, null, null,
                null, 0L, 0L);
    }

    public static InventorySnapshot.Setting setting(String name, String value, String unit) {
        return new InventorySnapshot.Setting(name, value, unit, "configuration file", null, false, value);
    }

    private static InventorySnapshot snapshot(
            Instant when,
            String database,
            List<InventorySnapshot.Table> tables,
            List<InventorySnapshot.Setting> settings) {
        List<Finding> findings = List.of(
                new Finding(
                        "never-analysed",
                        Severity.INFO,
                        Subject.of(Subject.TABLE, "public.film", "public.film"),
                        "Never analysed",
                        "public.film has no statistics",
                        null,
                        "ANALYZE it",
                        null),
                new Finding(
                        "duplicate-index",
                        Severity.WARNING,
                        Subject.of(Subject.TABLE, "public.film", "public.film"),
                        "Duplicate index",
                        "two indexes with the same keys",
                        null,
                        null,
                        null));
        return new InventorySnapshot(
                when,
                database,
                new InventorySnapshot.Server("16.15 (fake)", 160015, "postgres", false, when, when),
                settings,
                List.of(),
                List.of(),
                List.of(),
                tables,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                new InventorySnapshot.StatementStats(
                        false, "Add pg_stat_statements to shared_preload_libraries.", List.of()),
                findings,
                List.of());
    }
}
