package io.miglab.core.migrate.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerboseTablesTest {
    @Test
    void serialTablesEndAtTheNextLine() {
        List<String> events = new ArrayList<>();
        VerboseTables t = new VerboseTables(false, (table, done) -> events.add((done ? "end " : "start ") + table));
        t.accept("pg_dump: dumping contents of table \"public.a\"");
        t.accept("pg_dump: dumping contents of table \"Odd \"s\".Tä ble\"");
        t.accept("pg_dump: saving something else");
        t.finishAll();
        assertThat(events)
                .containsExactly("start public.a", "end public.a", "start Odd \"s\".Tä ble", "end Odd \"s\".Tä ble");
        assertThat(t.tables())
                .extracting(VerboseTables.TableTime::table)
                .containsExactly("public.a", "Odd \"s\".Tä ble");
    }

    @Test
    void parallelWorkersLinesThatRunIntoEachOtherStillCountEveryTable() {
        List<String> events = new ArrayList<>();
        VerboseTables t = new VerboseTables(true, (table, done) -> events.add((done ? "end " : "start ") + table));
        t.accept("pg_restore: launching item 3348 TABLE DATA a");
        t.accept(
                "pg_restore: processing data for table \"public.a\"pg_restore: processing data for table \"public.b\"");
        t.accept("pg_restore: pg_restore: finished item 3349 TABLE DATA b");
        t.accept("finished item 3348 TABLE DATA a");
        t.accept("pg_restore: processing data for table \"public.we ird\"");
        t.finishAll();
        assertThat(events)
                .containsExactly(
                        "start public.a",
                        "start public.b",
                        "end public.b",
                        "end public.a",
                        "start public.we ird",
                        "end public.we ird");
    }
}
