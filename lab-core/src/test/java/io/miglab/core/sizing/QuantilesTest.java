package io.miglab.core.sizing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Expected figures from Python's statistics.quantiles(method='inclusive'), the same linear rule as Prometheus. */
class QuantilesTest {
    static final double[] VALUES = {3.2, 0.5, 7.1, 2.2, 9.9, 4.4, 4.4, 1.0};

    @Test
    void interpolatesLinearlyBetweenRanksAsPrometheusDoes() {
        assertThat(Quantiles.of(0.95, new double[] {1, 2, 3, 4})).isCloseTo(3.85, within(1e-12));
        assertThat(Quantiles.of(0.5, VALUES)).isCloseTo(3.8, within(1e-12));
        assertThat(Quantiles.of(0.9, VALUES)).isCloseTo(7.94, within(1e-12));
        assertThat(Quantiles.of(0.95, VALUES)).isCloseTo(8.92, within(1e-12));
        assertThat(Quantiles.of(0, VALUES)).isEqualTo(0.5);
        assertThat(Quantiles.of(1, VALUES)).isEqualTo(9.9);
    }

    @Test
    void edgeCasesAnswerAsPrometheusDoes() {
        assertThat(Quantiles.of(0.5, new double[0])).isNaN();
        assertThat(Quantiles.of(-0.1, VALUES)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Quantiles.of(1.1, VALUES)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Quantiles.of(0.99, new double[] {42})).isEqualTo(42);
    }

    @Test
    void theInputIsNotReordered() {
        double[] copy = VALUES.clone();
        Quantiles.of(0.5, copy);
        assertThat(copy).containsExactly(VALUES);
    }
}
