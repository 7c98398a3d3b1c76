package io.miglab.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.miglab.core.inventory.InventoryDiff.ChangeType;
import io.miglab.core.inventory.InventorySnapshot.Function;
import io.miglab.core.inventory.InventorySnapshot.Index;
import io.miglab.core.inventory.InventorySnapshot.Setting;
import io.miglab.core.inventory.InventorySnapshot.Table;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryDiffTest {

    private static InventorySnapshot snapshot(
            List<Setting> settings, List<Table> tables, List<Index> indexes, List<Function> functions) {
        return new InventorySnapshot(
                Instant.parse("2026-11-21T20:00:00Z"),
                "db",
                null,
                settings,
                List.of(),
                List.of(),
                List.of(),
                tables,
                List.of(),
                indexes,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                functions,
                List.of(),
                List.of(),
                new InventorySnapshot.StatementStats(false, "hint", List.of()),
                List.of(),
                List.of());
    }

    private static Table table(String name, Long rows, long bytes) {
        return new Table(
                "s p", name, "table", false, rows, null, bytes, 0, 0, bytes, null, null, null, null, null, null, null,
                null, null, null);
    }

    private static Index index(String name, String definition, boolean valid) {
        return new Index(
                "s p",
                "T",
                name,
                "btree",
                definition,
                List.of("a"),
                null,
                false,
                false,
                valid,
                false,
                8192,
                0L,
                true,
                null,
                null);
    }

    private static Setting setting(String name, String value) {
        return new Setting(name, value, null, "configuration file", null, false, "x");
    }

    @Test
    void addedRemovedAndChangedObjectsWithHostileNames() {
        InventorySnapshot before = snapshot(
                List.of(setting("work_mem", "4096"), setting("jit", "on")),
                List.of(table("Kept \"T\"", 100L, 8192), table("Gone", 1L, 8192)),
                List.of(index("idx", "CREATE INDEX idx ON t (a)", true)),
                List.of(new Function("s p", "f(x)", "a integer", "function", "sql", "integer")));
        InventorySnapshot after = snapshot(
                List.of(setting("work_mem", "65536"), setting("random_page_cost", "1.1")),
                List.of(table("Kept \"T\"", 250L, 16384), table("Nëw", null, 0)),
                List.of(index("idx", "CREATE INDEX idx ON t (a)", false)),
                List.of(
                        new Function("s p", "f(x)", "a integer", "function", "sql", "integer"),
                        new Function("s p", "f(x)", "a text", "function", "sql", "integer")));

        InventoryDiff diff = InventoryDiff.between(before, after);

        assertThat(diff.changes())
                .extracting(InventoryDiff.Change::type, InventoryDiff.Change::kind, InventoryDiff.Change::object)
                .containsExactlyInAnyOrder(
                        tuple(ChangeType.CHANGED, "setting", "\"work_mem\""),
                        tuple(ChangeType.REMOVED, "setting", "\"jit\""),
                        tuple(ChangeType.ADDED, "setting", "\"random_page_cost\""),
                        tuple(ChangeType.REMOVED, "table", "\"s p\".\"Gone\""),
                        tuple(ChangeType.ADDED, "table", "\"s p\".\"Nëw\""),
                        tuple(ChangeType.CHANGED, "index", "\"s p\".\"idx\""),
                        tuple(ChangeType.ADDED, "function", "\"s p\".\"f(x)\"(a text)"));
        assertThat(diff.changes())
                .filteredOn(c -> c.kind().equals("setting") && c.type() == ChangeType.CHANGED)
                .singleElement()
                .extracting(InventoryDiff.Change::detail)
                .isEqualTo("4096 -> 65536");
        assertThat(diff.tables()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("Kept \"T\"");
            assertThat(t.rowChange()).isEqualTo(150L);
            assertThat(t.byteChange()).isEqualTo(8192L);
        });
        assertThat(InventoryDiff.between(after, after).noChanges()).isTrue();
    }

    @Test
    void identifiersAreQuotedSoNothingCanBeInjected() {
        assertThat(Identifiers.quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(Identifiers.qualified("My Schema", "Täble")).isEqualTo("\"My Schema\".\"Täble\"");
        assertThat(Identifiers.literal("it's")).isEqualTo("'it''s'");
    }
}
