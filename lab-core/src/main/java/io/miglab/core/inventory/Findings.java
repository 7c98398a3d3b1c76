package io.miglab.core.inventory;

import io.miglab.core.inventory.InventorySnapshot.Constraint;
import io.miglab.core.inventory.InventorySnapshot.Index;
import io.miglab.core.inventory.InventorySnapshot.LongTransaction;
import io.miglab.core.inventory.InventorySnapshot.Sequence;
import io.miglab.core.inventory.InventorySnapshot.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Draws the findings from a snapshot's facts. Pure: the same snapshot and options always give the same list. */
final class Findings {
    private static final double SEQUENCE_CRITICAL = 0.9;

    private Findings() {}

    static List<Finding> of(InventorySnapshot s, InventoryOptions options) {
        List<Finding> findings = new ArrayList<>();
        String since = s.server() == null || s.server().statsReset() == null
                ? "since the statistics were last reset"
                : "since the statistics were reset at " + s.server().statsReset();
        for (Index i : s.indexes()) {
            String name = Identifiers.qualified(i.schema(), i.name());
            String on = " on " + Identifiers.qualified(i.schema(), i.table());
            if (!i.valid()) {
                findings.add(new Finding(
                        Severity.CRITICAL,
                        "invalid-index",
                        name,
                        "Index " + name + on + " is invalid (a failed CREATE INDEX CONCURRENTLY or REINDEX): every"
                                + " write maintains it and no query can use it. Drop it and build it again."));
                continue;
            }
            if (i.duplicateOf() != null) {
                findings.add(new Finding(
                        Severity.WARNING,
                        "duplicate-index",
                        name,
                        "Index " + name + on + " duplicates " + i.duplicateOf() + " (same keys, method and"
                                + " predicate); it costs " + bytes(i.sizeBytes()) + " and slows every write."));
            } else if (i.redundantWith() != null) {
                findings.add(new Finding(
                        Severity.INFO,
                        "redundant-index",
                        name,
                        "Index " + name + on + " is covered by " + i.redundantWith() + ", whose leading keys are"
                                + " the same; it is probably redundant (" + bytes(i.sizeBytes()) + ")."));
            }
            if (i.unused()) {
                findings.add(new Finding(
                        Severity.INFO,
                        "unused-index",
                        name,
                        "Index " + name + on + " has not been scanned " + since + " (" + bytes(i.sizeBytes())
                                + "). Check replicas before dropping it."));
            }
        }
        for (Table t : s.tables()) {
            String name = Identifiers.qualified(t.schema(), t.name());
            if (t.bloatRatio() != null
                    && t.bloatBytes() != null
                    && t.bloatRatio() >= options.bloatRatio()
                    && t.bloatBytes() >= options.bloatMinBytes()) {
                findings.add(new Finding(
                        Severity.WARNING,
                        "bloat",
                        name,
                        String.format(
                                Locale.ROOT,
                                "Table %s is about %.0f %% bloat (%s of %s, estimated from statistics):"
                                        + " VACUUM FULL or pg_repack would give it back.",
                                name,
                                t.bloatRatio() * 100,
                                bytes(t.bloatBytes()),
                                bytes(t.heapBytes()))));
            }
            if (t.deadTuples() != null && t.liveTuples() != null && t.deadTuples() >= 10_000) {
                double share = (double) t.deadTuples() / Math.max(1, t.deadTuples() + t.liveTuples());
                if (share >= 0.2) {
                    findings.add(new Finding(
                            Severity.WARNING,
                            "dead-tuples",
                            name,
                            String.format(
                                    Locale.ROOT,
                                    "Table %s has %d dead rows (%.0f %%): vacuum is behind.",
                                    name,
                                    t.deadTuples(),
                                    share * 100)));
                }
            }
        }
        for (Sequence q : s.sequences()) {
            if (q.fractionUsed() == null || q.cycle()) {
                continue;
            }
            String name = Identifiers.qualified(q.schema(), q.name());
            double used = q.fractionUsed();
            if (used >= options.sequenceWarnFraction()) {
                String feeds = q.ownedBy() == null ? "" : " (it feeds " + q.ownedBy() + ", " + q.columnType() + ")";
                findings.add(new Finding(
                        used >= SEQUENCE_CRITICAL ? Severity.CRITICAL : Severity.WARNING,
                        "sequence-near-max",
                        name,
                        String.format(
                                Locale.ROOT,
                                "Sequence %s has used %.1f %% of its range: at %d of %d%s. Widen the column to bigint"
                                        + " before it runs out.",
                                name,
                                used * 100,
                                q.lastValue(),
                                q.usableMax(),
                                feeds)));
            }
        }
        for (Constraint c : s.constraints()) {
            if (c.notValid()) {
                String name = Identifiers.quote(c.name());
                findings.add(new Finding(
                        Severity.INFO,
                        "not-valid-constraint",
                        Identifiers.qualified(c.schema(), c.table()) + "." + name,
                        "Constraint " + name + " on " + Identifiers.qualified(c.schema(), c.table())
                                + " is NOT VALID: existing rows were never checked. VALIDATE CONSTRAINT checks them"
                                + " without blocking writes."));
            }
        }
        for (LongTransaction t : s.longTransactions()) {
            findings.add(new Finding(
                    Severity.WARNING,
                    "long-transaction",
                    "pid " + t.pid(),
                    String.format(
                            Locale.ROOT,
                            "Backend %d (%s, database %s) has had a transaction open for %.0f s (%s): it holds back"
                                    + " vacuum and may hold locks a migration needs.",
                            t.pid(),
                            t.user(),
                            t.database(),
                            t.ageSeconds(),
                            t.state())));
        }
        findings.sort(Finding.ORDER);
        return findings;
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
