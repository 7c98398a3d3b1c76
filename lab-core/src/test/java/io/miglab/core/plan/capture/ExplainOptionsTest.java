package io.miglab.core.plan.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import io.miglab.core.targets.PgVersion;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExplainOptionsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "160004 | EXPLAIN (ANALYZE, BUFFERS, SETTINGS, WAL, SUMMARY ON, FORMAT JSON) ",
                "130000 | EXPLAIN (ANALYZE, BUFFERS, SETTINGS, WAL, SUMMARY ON, FORMAT JSON) ",
                "120010 | EXPLAIN (ANALYZE, BUFFERS, SETTINGS, SUMMARY ON, FORMAT JSON) ",
                "110020 | EXPLAIN (ANALYZE, BUFFERS, SUMMARY ON, FORMAT JSON) "
            })
    void optionsAreGatedByServerVersion(int version, String prefix) {
        ExplainPrefix command = ExplainOptions.analyzeAll().commandFor(new PgVersion(version));
        assertThat(command.prefix()).isEqualTo(prefix + " ");
        assertThat(command.notes()).hasSize(version >= 130000 ? 0 : version >= 120000 ? 1 : 2);
    }

    @Test
    void optionsThatNeedAnalyzeAreLeftOutWithoutIt() {
        ExplainOptions options =
                new ExplainOptions(false, true, false, false, true, false, false, Duration.ofSeconds(5));
        ExplainPrefix on12 = options.commandFor(new PgVersion(120000));
        assertThat(on12.prefix()).isEqualTo("EXPLAIN (SUMMARY OFF, FORMAT JSON) ");
        assertThat(on12.notes())
                .containsExactly(
                        "BUFFERS without ANALYZE needs PostgreSQL 13; left out.",
                        "WAL needs ANALYZE; left out.",
                        "TIMING applies to ANALYZE only; left out.");
        assertThat(options.commandFor(new PgVersion(160000)).prefix())
                .isEqualTo("EXPLAIN (BUFFERS, SUMMARY OFF, FORMAT JSON) ");
    }

    @Test
    void everyCaptureHasATimeout() {
        assertThatThrownBy(() -> ExplainOptions.analyzeAll().withTimeout(Duration.ZERO))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("positive statement timeout");
    }
}
