package io.miglab.core.inventory;

import io.miglab.core.finding.Finding;
import io.miglab.core.finding.Severity;
import io.miglab.core.finding.Subject;
import io.miglab.core.inventory.InventorySnapshot.Constraint;
import io.miglab.core.inventory.InventorySnapshot.Index;
import io.miglab.core.inventory.InventorySnapshot.LongTransaction;
import io.miglab.core.inventory.InventorySnapshot.Sequence;
import io.miglab.core.inventory.InventorySnapshot.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the findings from a snapshot's facts. Pure: the same snapshot and options always give the same list.
 *
 * <p>"Not scanned" means something only when the statistics have watched long enough: an index with no scans in a
 * database whose statistics were reset an hour ago, or created yesterday, tells nothing. An index is called unused
 * only when the statistics are at least {@link #UNUSED_INDEX_MIN_STATS_AGE} old, or its table was scanned at least
 * {@link #UNUSED_INDEX_MIN_TABLE_SCANS} times meanwhile (queries ran and none chose the index); otherwise one
 * finding says the statistics are too young to tell.
 */
final class Findings {
    private static final double SEQUENCE_CRITICAL = 0.9;
    /** Statistics at least this old cover enough of a workload to call an index with no scans unused. */
    static final Duration UNUSED_INDEX_MIN_STATS_AGE = Duration.ofDays(7);
    /** ... or this many scans of the index's table (sequential plus index) since the statistics were reset. */
    static final long UNUSED_INDEX_MIN_TABLE_SCANS = 1_000;

    static final long DEAD_TUPLES_MIN = 10_000;
    static final double DEAD_TUPLES_SHARE = 0.2;

    private Findings() {}

    static List<Finding> of(InventorySnapshot s, InventoryOptions options) {
        List<Finding> findings = new ArrayList<>();
        Instant statsReset = s.server() == null ? null : s.server().statsReset();
        Duration statsAge =
                statsReset == null || s.takenAt() == null ? null : Duration.between(statsReset, s.takenAt());
        List<Index> tooYoung = new ArrayList<>();
        for (Index i : s.indexes()) {
            String name = Identifiers.qualified(i.schema(), i.name());
            String table = Identifiers.qualified(i.schema(), i.table());
            Subject subject = Subject.of(Subject.INDEX, name, name + " on " + table);
            if (!i.valid()) {
                findings.add(new Finding(
                        "invalid-index",
                        Severity.CRITICAL,
                        subject,
                        "Index " + name + " on " + table + " is invalid",
                        "A failed CREATE INDEX CONCURRENTLY or REINDEX left it behind (pg_index.indisvalid is false):"
                                + " every write maintains it and no query can use it (" + bytes(i.sizeBytes()) + ").",
                        null,
                        "Drop it (DROP INDEX CONCURRENTLY " + name + ") and build it again.",
                        (double) i.sizeBytes()));
                continue;
            }
            if (i.duplicateOf() != null) {
                findings.add(new Finding(
                        "duplicate-index",
                        Severity.WARNING,
                        subject,
                        "Index " + name + " on " + table + " duplicates " + i.duplicateOf() + " ("
                                + bytes(i.sizeBytes()) + ")",
                        "Same keys, method and predicate as " + i.duplicateOf() + ": no query needs both, and every"
                                + " write maintains both.",
                        "same key columns, method and predicate",
                        "Drop this one (DROP INDEX CONCURRENTLY " + name + ").",
                        (double) i.sizeBytes()));
            } else if (i.redundantWith() != null) {
                findings.add(new Finding(
                        "redundant-index",
                        Severity.INFO,
                        subject,
                        "Index " + name + " on " + table + " is covered by " + i.redundantWith() + " ("
                                + bytes(i.sizeBytes()) + ")",
                        "The leading keys of " + i.redundantWith() + " are this index's keys, so it can serve the"
                                + " same lookups; this one is probably redundant.",
                        "a btree whose keys lead another btree's keys",
                        "Compare their sizes and the queries that use each, then drop the narrower one.",
                        (double) i.sizeBytes()));
            }
            if (i.unused()) {
                Long tableScans = tableScans(s, i);
                boolean oldEnough = statsAge != null && statsAge.compareTo(UNUSED_INDEX_MIN_STATS_AGE) >= 0;
                boolean busyEnough = tableScans != null && tableScans >= UNUSED_INDEX_MIN_TABLE_SCANS;
                if (!oldEnough && !busyEnough) {
                    tooYoung.add(i);
                    continue;
                }
                findings.add(new Finding(
                        "unused-index",
                        Severity.INFO,
                        subject,
                        "Index " + name + " on " + table + " has not been scanned "
                                + (statsAge == null ? "since the statistics began" : "in " + age(statsAge)) + " ("
                                + bytes(i.sizeBytes()) + ")",
                        "pg_stat_user_indexes counts 0 scans " + since(statsReset, statsAge)
                                + (tableScans == null
                                        ? ""
                                        : String.format(
                                                Locale.ROOT, ", while its table was scanned %,d times", tableScans))
                                + "; it enforces no constraint, and every write maintains it.",
                        String.format(
                                Locale.ROOT,
                                "0 scans, with statistics at least %d days old or %,d scans of the table",
                                UNUSED_INDEX_MIN_STATS_AGE.toDays(),
                                UNUSED_INDEX_MIN_TABLE_SCANS),
                        "Check the replicas (each keeps its own statistics) and monthly jobs before dropping it"
                                + " (DROP INDEX CONCURRENTLY " + name + ").",
                        statsAge == null ? null : statsAge.toSeconds() / 86_400.0));
            }
        }
        if (!tooYoung.isEmpty()) {
            findings.add(statisticsTooYoung(s, tooYoung, statsReset, statsAge));
        }
        for (Table t : s.tables()) {
            String name = Identifiers.qualified(t.schema(), t.name());
            Subject subject = Subject.of(Subject.TABLE, name, name);
            if (t.bloatRatio() != null
                    && t.bloatBytes() != null
                    && t.bloatRatio() >= options.bloatRatio()
                    && t.bloatBytes() >= options.bloatMinBytes()) {
                findings.add(new Finding(
                        "bloat",
                        Severity.WARNING,
                        subject,
                        String.format(
                                Locale.ROOT,
                                "Table %s is about %.0f %% bloat (%s of %s)",
                                name,
                                t.bloatRatio() * 100,
                                bytes(t.bloatBytes()),
                                bytes(t.heapBytes())),
                        "Estimated from the average row widths in pg_stats against the pages the table holds:"
                                + " space that deleted and updated rows left behind and VACUUM only marked reusable.",
                        String.format(
                                Locale.ROOT,
                                "estimated bloat >= %.0f %% and >= %s",
                                options.bloatRatio() * 100,
                                bytes(options.bloatMinBytes())),
                        "VACUUM FULL (it locks the table) or pg_repack (online) gives the space back.",
                        t.bloatRatio()));
            }
            if (t.deadTuples() != null && t.liveTuples() != null && t.deadTuples() >= DEAD_TUPLES_MIN) {
                double share = (double) t.deadTuples() / Math.max(1, t.deadTuples() + t.liveTuples());
                if (share >= DEAD_TUPLES_SHARE) {
                    findings.add(new Finding(
                            "dead-tuples",
                            Severity.WARNING,
                            subject,
                            String.format(
                                    Locale.ROOT,
                                    "Table %s has %,d dead rows (%.0f %%)",
                                    name,
                                    t.deadTuples(),
                                    share * 100),
                            "Vacuum is behind: dead rows take space and every scan still reads past them.",
                            String.format(
                                    Locale.ROOT,
                                    ">= %,d dead rows and >= %.0f %% of the rows",
                                    DEAD_TUPLES_MIN,
                                    DEAD_TUPLES_SHARE * 100),
                            "VACUUM (VERBOSE) the table; check autovacuum's settings for it and long transactions"
                                    + " holding vacuum back.",
                            share));
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
                String feeds = q.ownedBy() == null ? "" : " It feeds " + q.ownedBy() + " (" + q.columnType() + ").";
                findings.add(new Finding(
                        "sequence-near-max",
                        used >= SEQUENCE_CRITICAL ? Severity.CRITICAL : Severity.WARNING,
                        Subject.of(Subject.SEQUENCE, name, name),
                        String.format(
                                Locale.ROOT,
                                "Sequence %s has used %.1f %% of its range (at %d of %d)",
                                name,
                                used * 100,
                                q.lastValue(),
                                q.usableMax()),
                        "When it reaches its maximum, every insert that takes a value fails." + feeds,
                        String.format(
                                Locale.ROOT,
                                "warning from %.0f %% of the range, critical from %.0f %%",
                                options.sequenceWarnFraction() * 100,
                                SEQUENCE_CRITICAL * 100),
                        "Widen the sequence and its column to bigint before it runs out (ALTER TABLE ... ALTER"
                                + " COLUMN ... TYPE bigint rewrites the table).",
                        used));
            }
        }
        for (Constraint c : s.constraints()) {
            if (c.notValid()) {
                String name = Identifiers.quote(c.name());
                String table = Identifiers.qualified(c.schema(), c.table());
                findings.add(new Finding(
                        "not-valid-constraint",
                        Severity.INFO,
                        Subject.of(Subject.CONSTRAINT, table + "." + name, name + " on " + table),
                        "Constraint " + name + " on " + table + " is NOT VALID",
                        "It was added NOT VALID: new rows are checked, the rows that were there never were.",
                        null,
                        "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name
                                + " checks them without blocking writes.",
                        null));
            }
        }
        for (LongTransaction t : s.longTransactions()) {
            findings.add(new Finding(
                    "long-transaction",
                    Severity.WARNING,
                    Subject.of(
                            Subject.SESSION,
                            Integer.toString(t.pid()),
                            "backend " + t.pid() + " (" + t.user() + ", database " + t.database() + ")"),
                    String.format(
                            Locale.ROOT,
                            "Backend %d has had a transaction open for %.0f s (%s)",
                            t.pid(),
                            t.ageSeconds(),
                            t.state()),
                    String.format(
                            Locale.ROOT,
                            "Role %s in database %s: an open transaction holds back vacuum everywhere and may hold"
                                    + " locks a migration needs.",
                            t.user(),
                            t.database()),
                    "open longer than " + human(options.longTransaction()),
                    "Find out what it waits for (pg_stat_activity, pg_locks); end it with pg_terminate_backend if"
                            + " it is stuck.",
                    t.ageSeconds()));
        }
        findings.sort(Finding.ORDER);
        return findings;
    }

    private static Finding statisticsTooYoung(
            InventorySnapshot s, List<Index> indexes, Instant statsReset, Duration statsAge) {
        String database = s.database() == null ? "" : s.database();
        List<String> names = indexes.stream()
                .map(i -> Identifiers.qualified(i.schema(), i.name()))
                .toList();
        String listed = names.size() <= 5
                ? String.join(", ", names)
                : String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
        return new Finding(
                "index-statistics-too-young",
                Severity.INFO,
                Subject.of(Subject.DATABASE, database.isEmpty() ? "-" : Identifiers.quote(database), database),
                String.format(
                        Locale.ROOT,
                        "%d index%s without scans, but the statistics are too young to call %s unused (%s)",
                        names.size(),
                        names.size() == 1 ? "" : "es",
                        names.size() == 1 ? "it" : "them",
                        statsAge == null ? "never reset" : age(statsAge) + " old"),
                "pg_stat_user_indexes counts no scans of " + listed + " " + since(statsReset, statsAge)
                        + (names.size() == 1 ? ", and its table was" : ", and their tables were")
                        + " scanned fewer than "
                        + String.format(Locale.ROOT, "%,d", UNUSED_INDEX_MIN_TABLE_SCANS)
                        + " times: too little activity to tell an unused index from one not needed yet.",
                String.format(
                        Locale.ROOT,
                        "an index is called unused with statistics at least %d days old or %,d scans of its table",
                        UNUSED_INDEX_MIN_STATS_AGE.toDays(),
                        UNUSED_INDEX_MIN_TABLE_SCANS),
                "Take the inventory again after a representative period of the workload (a week or more).",
                statsAge == null ? null : statsAge.toSeconds() / 86_400.0);
    }

    /** Sequential plus index scans of the index's table, or null when the statistics do not say. */
    private static Long tableScans(InventorySnapshot s, Index i) {
        for (Table t : s.tables()) {
            if (t.schema().equals(i.schema()) && t.name().equals(i.table())) {
                if (t.seqScans() == null && t.indexScans() == null) {
                    return null;
                }
                return (t.seqScans() == null ? 0 : t.seqScans()) + (t.indexScans() == null ? 0 : t.indexScans());
            }
        }
        return null;
    }

    private static String since(Instant statsReset, Duration statsAge) {
        return statsReset == null
                ? "since the statistics began (they were never reset, so their age is unknown)"
                : "since the statistics were reset at " + statsReset + ", " + age(statsAge) + " ago";
    }

    /** "3 h", "2 days", "12 days". */
    static String age(Duration d) {
        if (d == null) {
            return "an unknown time";
        }
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 1) {
            return d.toHours() + " h";
        }
        return Math.max(0, d.toMinutes()) + " min";
    }

    private static String human(Duration d) {
        if (d.toSeconds() % 60 == 0 && d.toMinutes() > 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
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
