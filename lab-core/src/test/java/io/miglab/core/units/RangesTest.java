package io.miglab.core.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RangesTest {
    @Test
    void aValueInsideTheRangeIsReturned() {
        assertThat(Ranges.require(5, 1, 10, "Clients")).isEqualTo(5);
        assertThat(Ranges.require(Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofHours(1), "Timeout"))
                .hasSeconds(1);
    }

    @Test
    void aValueOutsideIsOneStableSentence() {
        assertThatThrownBy(() -> Ranges.require(5000, 1, 1000, "Clients"))
                .isInstanceOf(MigLabException.class)
                .hasMessage("Clients must be from 1 to 1000, not 5000.");
        assertThatThrownBy(() -> Ranges.require(Duration.ofHours(48), Duration.ofMillis(1), Duration.ofHours(24), "T"))
                .hasMessage("T must be from 1 ms to 24 h, not 2 d.");
        assertThatThrownBy(() -> Ranges.require(null, Duration.ofMillis(1), Duration.ofHours(24), "T"))
                .hasMessage("T is required.");
    }
}
