package io.miglab.core.advisor.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.advisor.config.PgTuneInputs.DataSize;
import io.miglab.core.advisor.config.PgTuneInputs.DbType;
import io.miglab.core.advisor.config.PgTuneInputs.Os;
import io.miglab.core.advisor.config.PgTuneInputs.Storage;
import io.miglab.core.units.Sizes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our calculator against PGTune itself: {@code pgtune-reference.csv} holds, for 16 input sets across the five
 * workload types, memory from 128 MB to 200 GB, 1 to 32 CPUs, every storage, OS and data size and PostgreSQL 10 to
 * 18, the settings PGTune prints, in its order and units, produced by running PGTune's own calculation (the file's
 * header names the source files). Every setting, every value and the set of warnings must match.
 */
class PgTuneReferenceTest {

    /** One input set of the table and PGTune's output for it. */
    record Case(int id, PgTuneInputs inputs, Map<String, String> expected, Set<String> warnings) {
        @Override
        public String toString() {
            return "case " + id + ": " + inputs.type() + " " + Sizes.format(inputs.ramBytes()) + " " + inputs.cpus()
                    + " CPUs " + inputs.storage() + " " + inputs.os() + " PG" + inputs.version() + " data "
                    + inputs.dataSize();
        }
    }

    static List<Case> cases() throws IOException {
        Map<Integer, Case> cases = new LinkedHashMap<>();
        try (InputStream in = PgTuneReferenceTest.class.getResourceAsStream("pgtune-reference.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                    .toList();
            assertThat(lines.get(0))
                    .isEqualTo("case,version,os,type,ram,cpus,connections,storage,data_size,warnings,setting,value");
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                int id = Integer.parseInt(f[0]);
                Case c = cases.computeIfAbsent(
                        id,
                        k -> new Case(
                                k,
                                new PgTuneInputs(
                                        Integer.parseInt(f[1]),
                                        Os.parse(f[2], "os"),
                                        DbType.parse(f[3], "type"),
                                        Sizes.parse(f[4], "ram", 1, PgTuneInputs.MAX_RAM),
                                        Integer.parseInt(f[5]),
                                        f[6].isEmpty() ? null : Integer.valueOf(f[6]),
                                        Storage.parse(f[7], "storage"),
                                        DataSize.parse(f[8], "data size")),
                                new LinkedHashMap<>(),
                                f[9].isBlank() ? Set.of() : Set.of(f[9].split(" "))));
                c.expected().put(f[10], f[11]);
            }
        }
        return new ArrayList<>(cases.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everySettingAndValueEqualsPgTunes(Case c) {
        ConfigAdvice advice = PgTune.advise(c.inputs());

        Map<String, String> ours = new LinkedHashMap<>();
        advice.settings().forEach(r -> ours.put(r.name(), r.value()));
        assertThat(ours).containsExactlyEntriesOf(c.expected());
        assertThat(advice.warnings().stream().map(PgTuneReferenceTest::key).collect(Collectors.toSet()))
                .isEqualTo(c.warnings());
    }

    @Test
    void theTableSpansTheTypesMemoryCpusStorageOsAndDataSizes() throws IOException {
        List<Case> all = cases();
        assertThat(all).hasSizeGreaterThanOrEqualTo(12);
        assertThat(all.stream().map(c -> c.inputs().type()).distinct()).hasSize(DbType.values().length);
        assertThat(all.stream().map(c -> c.inputs().storage()).distinct()).hasSize(Storage.values().length);
        assertThat(all.stream().map(c -> c.inputs().os()).distinct()).hasSize(Os.values().length);
        assertThat(all.stream().map(c -> c.inputs().dataSize()).distinct()).hasSize(DataSize.values().length);
        assertThat(all.stream().map(c -> c.inputs().ramBytes()).collect(Collectors.toSet()))
                .contains(512 * Sizes.MB, 2 * Sizes.GB, 8 * Sizes.GB, 64 * Sizes.GB, 200 * Sizes.GB);
        assertThat(all.stream().map(c -> c.inputs().cpus()).collect(Collectors.toSet()))
                .contains(1, 2, 4, 8, 32);
    }

    @Test
    void numericValuesAreInTheSettingsOwnUnit() {
        ConfigAdvice advice = PgTune.advise(PgTuneInputs.forMachine(8 * Sizes.GB, 4));

        assertThat(advice.find("shared_buffers").orElseThrow())
                .satisfies(r -> assertThat(r.numeric()).isEqualTo(262144.0))
                .satisfies(r -> assertThat(r.unit()).isEqualTo("8kB"));
        assertThat(advice.find("max_wal_size").orElseThrow().numeric()).isEqualTo(4096.0);
        assertThat(advice.find("work_mem").orElseThrow().numeric()).isEqualTo(10280.0);
        assertThat(advice.find("jit").orElseThrow().numeric()).isNull();
    }

    @Test
    void rendersPostgresqlConfLinesAndAlterSystemStatementsWithWarningsAsComments() {
        ConfigAdvice advice =
                PgTune.advise(PgTuneInputs.forMachine(8 * Sizes.GB, 4).withVersion(16));

        assertThat(advice.postgresqlConf().lines())
                .startsWith("# WARNING: wal_compression = lz4 needs a PostgreSQL built with lz4 (--with-lz4)")
                .contains("shared_buffers = 2GB", "work_mem = 10280kB", "random_page_cost = 1.1");
        assertThat(advice.alterSystemScript().lines())
                .contains("ALTER SYSTEM SET shared_buffers = '2GB';", "ALTER SYSTEM SET jit = 'off';");
    }

    @Test
    void pgSettingsValuesShowInPgTunesUnits() {
        assertThat(PgTune.show("16384", "8kB")).isEqualTo("128MB");
        assertThat(PgTune.show("4096", "kB")).isEqualTo("4MB");
        assertThat(PgTune.show("37449", "kB")).isEqualTo("37449kB");
        assertThat(PgTune.show("1024", "MB")).isEqualTo("1GB");
        assertThat(PgTune.show("-1", "kB")).isEqualTo("-1");
        assertThat(PgTune.show("1.1", null)).isEqualTo("1.1");
        assertThat(PgTune.show("200", "ms")).isEqualTo("200ms");
        assertThat(PgTune.show("lz4", null)).isEqualTo("lz4");
    }

    @Test
    void aPlaybookStepOverridesTheDefaultsItNamesAndRefusesUnknownParameters() {
        ConfigApplyRequest request = ConfigApplyRequest.fromParameters(
                io.miglab.core.Parameters.of(
                        "step config",
                        Map.of(
                                "target",
                                "lab",
                                "ram",
                                "2GB",
                                "type",
                                "oltp",
                                "data-size",
                                "less",
                                "connections",
                                "50")),
                PgTuneInputs.forMachine(8 * Sizes.GB, 4));

        assertThat(request.target()).isEqualTo("lab");
        assertThat(request.database()).isNull();
        assertThat(request.inputs())
                .isEqualTo(
                        new PgTuneInputs(18, Os.LINUX, DbType.OLTP, 2 * Sizes.GB, 4, 50, Storage.SSD, DataSize.LESS));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigApplyRequest.fromParameters(
                        io.miglab.core.Parameters.of("step config", Map.of("target", "lab", "rma", "2GB")),
                        PgTuneInputs.forMachine(8 * Sizes.GB, 4)))
                .hasMessageStartingWith("step config has no parameter 'rma'");
    }

    static Stream<Object[]> absurdInputs() {
        return Stream.of(
                new Object[] {
                    "ram",
                    (Runnable) () -> PgTuneInputs.forMachine(1000, 4),
                    "The memory must be from 1.0 MB" + " to 64.0 TB, not 1000 B."
                },
                new Object[] {
                    "cpus",
                    (Runnable) () -> PgTuneInputs.forMachine(Sizes.GB, 0),
                    "CPUs must be from 1 to" + " 1024, not 0."
                },
                new Object[] {
                    "version",
                    (Runnable) () -> PgTuneInputs.forMachine(Sizes.GB, 2).withVersion(9),
                    "The PostgreSQL version must be from 10 to 30, not 9."
                },
                new Object[] {
                    "connections",
                    (Runnable) () -> PgTuneInputs.forMachine(Sizes.GB, 2).withConnections(0),
                    "Connections must be from 1 to 262143, not 0."
                },
                new Object[] {
                    "type",
                    (Runnable) () -> DbType.parse("webb", "--type"),
                    "--type takes one of web, oltp," + " dw, desktop, mixed, not 'webb'."
                },
                new Object[] {
                    "ram text",
                    (Runnable) () -> PgTuneInputs.parseRam("8XB", "--ram"),
                    "--ram takes a size" + " such as 64kB, 16MB or 1GB, not '8XB'."
                },
                new Object[] {
                    "ram too big",
                    (Runnable) () -> PgTuneInputs.parseRam("65TB", "--ram"),
                    "--ram must be" + " at most 64.0 TB, not '65TB'."
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("absurdInputs")
    void absurdInputsAreOneLineErrors(String what, Runnable build, String message) {
        org.assertj.core.api.Assertions.assertThatThrownBy(build::run)
                .isInstanceOf(io.miglab.core.MigLabException.class)
                .hasMessage(message);
    }

    /** Which of PGTune's warnings a sentence of ours is. */
    private static String key(String warning) {
        String w = warning.toLowerCase(Locale.ROOT);
        if (w.contains("less than 256 mb")) {
            return "low-memory";
        }
        if (w.contains("more than 100 gb")) {
            return "high-memory";
        }
        if (w.contains("lz4")) {
            return "lz4";
        }
        if (w.contains("io_uring")) {
            return "io_uring";
        }
        if (w.contains("data warehouse")) {
            return "dw-cost";
        }
        return warning;
    }
}
