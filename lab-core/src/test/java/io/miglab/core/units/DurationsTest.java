package io.miglab.core.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "''{0}'' is {1} ns")
    @CsvSource(
            delimiter = '|',
            value = {
                "500ms        | 500000000",
                "30s          | 30000000000",
                "1.5s         | 1500000000",
                ".5s          | 500000000",
                "2m           | 120000000000",
                "2min         | 120000000000",
                "1h           | 3600000000000",
                "24h          | 86400000000000",
                "'  30s  '    | 30000000000",
                "'30 s'       | 30000000000",
                "30S          | 30000000000",
                "10sec        | 10000000000",
                "1ms          | 1000000",
                "PT30S        | 30000000000",
                "pt1.5s       | 1500000000",
                "PT2M         | 120000000000",
                "P1D          | 86400000000000",
                "'\t 2m \n'   | 120000000000"
            })
    void readsEveryWayADurationIsWritten(String text, long nanos) {
        assertThat(Durations.parse(text, "--duration")).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0s              | --duration must be a positive duration, not '0s'.",
                "0               | --duration takes a positive duration such as 500ms, 30s, 1.5s, 2m or 1h, not '0'.",
                "-5s             | --duration must be a positive duration, not '-5s'.",
                "PT-5S           | --duration must be a positive duration, not 'PT-5S'.",
                "PT0S            | --duration must be a positive duration, not 'PT0S'.",
                "0.1ms           | --duration must be at least 1 ms, not '0.1ms'.",
                "25h             | --duration must be at most 24 h, not '25h'.",
                "99999999999h    | --duration must be at most 24 h, not '99999999999h'.",
                "9999999999999999999999999999s | --duration must be at most 24 h, not '9999999999999999999999999999s'.",
                "P999999999999D  | --duration must be at most 24 h, not 'P999999999999D'.",
                "PT99999999999999999999H | --duration takes a positive duration such as 500ms, 30s, 1.5s, 2m or 1h,"
                        + " not 'PT99999999999999999999H'.",
                "soon            | --duration takes a positive duration such as 500ms, 30s, 1.5s, 2m or 1h, not 'soon'.",
                "30              | --duration takes a positive duration such as 500ms, 30s, 1.5s, 2m or 1h, not '30'.",
                "30x             | --duration takes a positive duration such as 500ms, 30s, 1.5s, 2m or 1h, not '30x'.",
                "3 0s            | --duration takes a positive duration such as 500ms, 30s, 1.5s, 2m or 1h, not '3 0s'.",
                "1.2.3s          | --duration takes a positive duration such as 500ms, 30s, 1.5s, 2m or 1h, not '1.2.3s'.",
                "1h30m           | --duration takes a positive duration such as 500ms, 30s, 1.5s, 2m or 1h, not '1h30m'.",
                "''              | --duration takes a positive duration such as 500ms, 30s, 1.5s, 2m or 1h, not ''.",
                "'   '           | --duration takes a positive duration such as 500ms, 30s, 1.5s, 2m or 1h, not ' '.",
                "NaNs            | --duration takes a positive duration such as 500ms, 30s, 1.5s, 2m or 1h, not 'NaNs'."
            })
    void refusesGarbageZeroNegativeAndAbsurdValuesInOneLine(String text, String message) {
        assertThatThrownBy(() -> Durations.parse(text, "--duration"))
                .isInstanceOf(MigLabException.class)
                .hasMessage(message)
                .hasNoCause();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2h", "1m", "PT0.5S"})
    void anOptionChoosesItsOwnBounds(String text) {
        assertThatThrownBy(() -> Durations.parse(text, "--timeout", Duration.ofMinutes(2), Duration.ofMinutes(90)))
                .isInstanceOf(MigLabException.class)
                .hasMessageStartingWith("--timeout must be at ");
    }

    @org.junit.jupiter.api.Test
    void aNullAndAVeryLongTextAreRefusedWithoutEchoingItWhole() {
        assertThatThrownBy(() -> Durations.parse(null, "--duration")).hasMessageEndingWith("not ''.");
        String huge = "1".repeat(10_000) + "s";
        assertThatThrownBy(() -> Durations.parse(huge, "--duration"))
                .hasMessageEndingWith("not '" + "1".repeat(37) + "...'.");
    }

    @ParameterizedTest(name = "{0} ns is ''{1}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "400000          | 0.400 ms",
                "850000000       | 850 ms",
                "1000000000      | 1 s",
                "1500000000      | 1.5 s",
                "9960000000      | 10 s",
                "30000000000     | 30 s",
                "59999000000     | 59 s",
                "120000000000    | 2 min",
                "125000000000    | 2 min 5 s",
                "3600000000000   | 1 h",
                "5400000000000   | 1 h 30 min",
                "183600000000000 | 2 d 3 h"
            })
    void formatsDurationsAsPeopleReadThem(long nanos, String shown) {
        assertThat(Durations.format(Duration.ofNanos(nanos))).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0} ms is ''{1}''")
    @CsvSource(
            delimiter = '|',
            value = {"0.1234 | 0.123 ms", "12.345 | 12.35 ms", "1234.4 | 1,234 ms", "0 | 0.000 ms"})
    void formatsMillisecondsWithThePrecisionThatMatters(double ms, String shown) {
        assertThat(Durations.millis(ms)).isEqualTo(shown);
    }

    @org.junit.jupiter.api.Test
    void saysHowLongAgo() {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        assertThat(Durations.ago(null, now)).isEqualTo("never");
        assertThat(Durations.ago(now.minusSeconds(30), now)).isEqualTo("just now");
        assertThat(Durations.ago(now.minusSeconds(300), now)).isEqualTo("5 min ago");
        assertThat(Durations.ago(now.minusSeconds(3 * 3600), now)).isEqualTo("3 h ago");
        assertThat(Durations.ago(now.minusSeconds(2 * 86400), now)).isEqualTo("2 d ago");
    }
}
