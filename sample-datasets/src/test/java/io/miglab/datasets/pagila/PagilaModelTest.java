package io.miglab.datasets.pagila;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.Cancellation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class PagilaModelTest {

    private static String text(PagilaModel model, String table, long from, long to) throws IOException {
        PagilaModel.Table spec = model.tables().stream()
                .filter(t -> t.name().equals(table))
                .findFirst()
                .orElseThrow();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CopyBuffer out = new CopyBuffer((b, n) -> bytes.write(b, 0, n));
        spec.writer().write(model, from, to, out, Cancellation.none());
        out.finish();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anyRangeIsTheSameWhoeverWritesItAndWhenever() throws IOException {
        PagilaModel model = new PagilaModel(3, 42);
        String whole = text(model, "rental", 0, 1000);
        String halves = text(model, "rental", 0, 500) + text(new PagilaModel(3, 42), "rental", 500, 1000);

        assertThat(halves).isEqualTo(whole);
        assertThat(text(new PagilaModel(3, 43), "rental", 0, 1000)).isNotEqualTo(whole);
        assertThat(whole.lines()).hasSize(1000).allSatisfy(line -> assertThat(line.split("\t"))
                .hasSize(7));
    }

    @Test
    void rowsAreComputedNotStoredSoAHugeScaleStartsAtOnce() throws IOException {
        // Scale 10000 is 160 million rentals: only per-row functions make its last rows cheap to reach.
        PagilaModel huge = new PagilaModel(10_000, 1);
        String last = text(huge, "rental", huge.rentals - 3, huge.rentals);

        assertThat(last.lines()).hasSize(3);
        assertThat(last.lines().reduce((a, b) -> b).orElseThrow()).startsWith(huge.rentals + "\t2022-07-");
    }

    @Test
    void streamingScale100LeavesNothingBehindOnTheHeap() throws IOException {
        PagilaModel model = new PagilaModel(100, 1);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        long[] bytes = {0};
        long rows = 0;
        for (String table : new String[] {"rental", "payment"}) {
            PagilaModel.Table spec = model.tables().stream()
                    .filter(t -> t.name().equals(table))
                    .findFirst()
                    .orElseThrow();
            CopyRows out = new BinaryCopyBuffer((b, n) -> bytes[0] += n, spec.columnCount(), n -> {});
            rows += spec.writer().write(model, 0, spec.units(), out, Cancellation.none());
            out.finish();
        }
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();

        assertThat(rows).isGreaterThan(3_000_000); // 1.6M rentals and about as many payments
        assertThat(bytes[0]).isGreaterThan(100_000_000L);
        // Retained memory is the model's per-film arrays, not the 100+ MB that went through.
        assertThat(after - before).isLessThan(16L * 1024 * 1024);
    }

    @Test
    @Tag("postgres")
    void binaryAndTextEncodingsLoadTheSameValues() throws Exception {
        PagilaModel model = new PagilaModel(1, 5);
        try (ScratchServer server = new ScratchServer()) {
            PagilaGenerator generator = new PagilaGenerator(server.factory());
            String binary = server.newName("pagila_bin");
            String text = server.newName("pagila_txt");
            for (String db : new String[] {binary, text}) {
                try (Connection admin = server.factory().open();
                        Statement s = admin.createStatement()) {
                    s.execute("CREATE DATABASE " + db);
                }
                generator.createSchema(db, Cancellation.none());
            }
            generator.copyInto(model, binary, 2, true, Cancellation.none());
            generator.copyInto(model, text, 2, false, Cancellation.none());
            Map<String, String> binarySums = checksums(server, binary, model);
            Map<String, String> textSums = checksums(server, text, model);
            assertThat(binarySums).isEqualTo(textSums).containsKeys("rental", "payment", "inventory", "customer");
        }
    }

    private static Map<String, String> checksums(ScratchServer server, String db, PagilaModel model)
            throws SQLException {
        try (Connection c = server.factory().open(db)) {
            return model.tables().stream().collect(Collectors.toMap(PagilaModel.Table::name, t -> {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery(
                                "SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) FROM " + t.name() + " t")) {
                    rs.next();
                    return rs.getString(1);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
    }
}
