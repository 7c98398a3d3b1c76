package io.miglab.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema comparison on catalog definitions as {@link Catalog#definitions} returns them. */
class SchemaCheckTest {
    static Map<String, Map<String, String>> defs(Map<String, String> tables, Map<String, String> extensions) {
        return Map.of("table", tables, "extension", extensions);
    }

    @Test
    void anExtensionOnlyTheDestinationHasIsNotedNotFailed() {
        Check c = IntegrityChecks.schema(
                defs(Map.of("public.t", "a int"), Map.of("plpgsql", "plpgsql")),
                defs(
                        Map.of("public.t", "a int"),
                        Map.of("plpgsql", "plpgsql", "pg_stat_statements", "pg_stat_statements")));
        assertThat(c.passed()).isTrue();
        assertThat(c.summary()).endsWith("the destination also has extension(s) pg_stat_statements");
    }

    @Test
    void aMissingExtensionATableOnlyOnTheDestinationAndADifferentDefinitionFail() {
        Check c = IntegrityChecks.schema(
                defs(Map.of("public.t", "a int", "public.u", "b int"), Map.of("postgis", "postgis")),
                defs(Map.of("public.t", "a bigint", "public.extra", "c int"), Map.of()));
        assertThat(c.passed()).isFalse();
        assertThat(c.problems())
                .containsExactlyInAnyOrder(
                        "table public.extra is only on the destination",
                        "table public.t differs: a int (source) vs a bigint (destination)",
                        "table public.u is missing on the destination",
                        "extension postgis is missing on the destination");
    }
}
