package io.miglab.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import io.miglab.core.migrate.Loaders.Matrix;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoaderMatrixTest {
    private static LoadReport report(LoaderSettings s, double seconds) {
        return new LoadReport(
                "a", "b", "d", "16", s, "catalog", List.of(), List.of(), 1000, 2_000_000, seconds, null, null);
    }

    @Test
    void rowsAreRankedByMedianAndTheMarginIsTheNextMedianOverTheBest() {
        LoaderSettings copy = LoaderSettings.of(LoaderKind.COPY_TEXT);
        LoaderSettings batch = LoaderSettings.of(LoaderKind.INSERT_BATCH);
        LoaderSettings broken = LoaderSettings.of(LoaderKind.COPY_BINARY);
        Matrix m = LoaderMatrix.summarize(
                7,
                List.of(batch, broken, copy),
                Map.of(
                        batch, List.of(report(batch, 4), report(batch, 6), report(batch, 5)),
                        copy, List.of(report(copy, 1), report(copy, 3), report(copy, 2)),
                        broken, List.of()),
                Map.of(batch, List.of(1L, 2L, 3L), copy, List.of(4L, 5L, 6L), broken, List.of()),
                Map.of(broken, "wrong element type"));

        assertThat(m.rows())
                .extracting(r -> r.settings().kind())
                .containsExactly(LoaderKind.COPY_TEXT, LoaderKind.INSERT_BATCH, LoaderKind.COPY_BINARY);
        assertThat(m.best().medianSeconds()).isEqualTo(2.0);
        assertThat(m.best().rowsPerSecond()).isEqualTo(500.0);
        assertThat(m.best().megabytesPerSecond()).isEqualTo(1.0);
        assertThat(m.margin()).isEqualTo(2.5);
        // Resampled medians of {1,2,3} and {4,5,6}: the ratio lies between 4/3 and 6/1.
        assertThat(m.marginLow()).isBetween(4.0 / 3, 2.5);
        assertThat(m.marginHigh()).isBetween(2.5, 6.0);
        assertThat(m.rows().get(2).failure()).isEqualTo("wrong element type");
    }

    @Test
    void oneRepeatHasAMarginButNoInterval() {
        LoaderSettings copy = LoaderSettings.of(LoaderKind.COPY_TEXT);
        LoaderSettings binary = LoaderSettings.of(LoaderKind.COPY_BINARY);
        Matrix m = LoaderMatrix.summarize(
                1,
                List.of(copy, binary),
                Map.of(copy, List.of(report(copy, 2)), binary, List.of(report(binary, 3))),
                Map.of(copy, List.of(1L), binary, List.of(2L)),
                Map.of());
        assertThat(m.margin()).isEqualTo(1.5);
        assertThat(m.marginLow()).isNaN();
    }

    @Test
    void badMatrixRequestsAreRefusedWithStableMessages() {
        LoadRequest r =
                new LoadRequest("a", null, "b", null, List.of(), LoaderSettings.of(LoaderKind.COPY_TEXT), false);
        LoaderSettings copy = LoaderSettings.of(LoaderKind.COPY_TEXT);
        assertThatThrownBy(() -> LoaderMatrix.validate(new Loaders.MatrixRequest(r, List.of(), 1)))
                .isInstanceOf(MigLabException.class)
                .hasMessage("Choose at least one loader variant.");
        assertThatThrownBy(() -> LoaderMatrix.validate(new Loaders.MatrixRequest(r, List.of(copy, copy), 1)))
                .hasMessage("A loader variant is listed twice.");
        assertThatThrownBy(() -> LoaderMatrix.validate(new Loaders.MatrixRequest(r, List.of(copy), 21)))
                .hasMessage("Repeats must be between 1 and 20, not 21.");
    }
}
