package io.miglab.core.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizesTest {

    @ParameterizedTest(name = "''{0}'' is {1} bytes")
    @CsvSource(
            delimiter = '|',
            value = {
                "512          | 512",
                "512B         | 512",
                "64kB         | 65536",
                "64KB         | 65536",
                "64k          | 65536",
                "64KiB        | 65536",
                "16MB         | 16777216",
                "16mb         | 16777216",
                "1.5MB        | 1572864",
                "1GB          | 1073741824",
                "1GiB         | 1073741824",
                "'  1 GB  '   | 1073741824",
                "1TB          | 1099511627776"
            })
    void readsEveryWayASizeIsWritten(String text, long bytes) {
        assertThat(Sizes.parse(text, "--max-size")).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "0             | --max-size must be a positive size, not '0'.",
                "0kB           | --max-size must be a positive size, not '0kB'.",
                "-1MB          | --max-size must be a positive size, not '-1MB'.",
                "2TB           | --max-size must be at most 1.0 TB, not '2TB'.",
                "99999999999GB | --max-size must be at most 1.0 TB, not '99999999999GB'.",
                "99999999999999999999999 | --max-size must be at most 1.0 TB, not '99999999999999999999999'.",
                "huge          | --max-size takes a size such as 64kB, 16MB or 1GB, not 'huge'.",
                "16 XB         | --max-size takes a size such as 64kB, 16MB or 1GB, not '16 XB'.",
                "16MBs         | --max-size takes a size such as 64kB, 16MB or 1GB, not '16MBs'.",
                "''            | --max-size takes a size such as 64kB, 16MB or 1GB, not ''.",
                "'  '          | --max-size takes a size such as 64kB, 16MB or 1GB, not ' '."
            })
    void refusesGarbageZeroNegativeAndAbsurdSizesInOneLine(String text, String message) {
        assertThatThrownBy(() -> Sizes.parse(text, "--max-size"))
                .isInstanceOf(MigLabException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0} bytes is ''{1}''")
    @CsvSource(
            delimiter = '|',
            value = {
                "0             | 0 B",
                "1023          | 1023 B",
                "1024          | 1.0 kB",
                "8192          | 8.0 kB",
                "1572864       | 1.5 MB",
                "136314880     | 130 MB",
                "1073741824    | 1.0 GB",
                "-1572864      | \u22121.5 MB"
            })
    void formatsSizesAsPgSizePrettyDoes(long bytes, String shown) {
        assertThat(Sizes.format(bytes)).isEqualTo(shown);
    }
}
