package io.miglab.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SamplesCsvTest {
    static List<PodSample> read(String text) {
        return SamplesCsv.read(new StringReader(text), "samples.csv");
    }

    @Test
    void readsWhatItWrites() throws Exception {
        List<PodSample> samples = read(SamplesCsv.HEADER + "\n"
                + "2026-12-01T10:15:30Z,etl,load-7x2k,loader,250.5,104857600\n\n"
                + "2026-12-01T11:15:45+01:00,etl,load-7x2k,loader,1200,209715200\n");
        assertThat(samples).hasSize(2);
        assertThat(samples.get(1).at()).isEqualTo(Instant.parse("2026-12-01T10:15:45Z"));
        assertThat(samples.get(0).cpuMillicores()).isEqualTo(250.5);
        StringWriter out = new StringWriter();
        SamplesCsv.write(samples, out);
        assertThat(read(out.toString())).isEqualTo(samples);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "time,ns,pod,container,cpu,mem|samples.csv:1: the header must be",
                "|samples.csv has a header but no samples",
                "2026-12-01 10:15:30,etl,p,c,1,1|samples.csv:2:1: '2026-12-01 10:15:30' is not an ISO-8601 timestamp",
                "2026-12-01T10:15:30Z,etl,p,c,1|samples.csv:2: expected 6 fields",
                "2026-12-01T10:15:30Z,etl,,c,1,1|samples.csv:2:3: the pod is empty",
                "2026-12-01T10:15:30Z,etl,p,c,-5,1|samples.csv:2:5: cpu_millicores must be a number from 0 to 1e9",
                "2026-12-01T10:15:30Z,etl,p,c,NaN,1|samples.csv:2:5: cpu_millicores",
                "2026-12-01T10:15:30Z,etl,p,c,1,1.5Gi|samples.csv:2:6: memory_bytes must be a whole number",
                "2026-12-01T10:15:30Z,etl,p,c,1,99999999999999999999999|samples.csv:2:6: memory_bytes"
            })
    void badInputIsRefusedWithItsLineAndColumn(String line, String message) {
        String text = line != null && line.startsWith("time,")
                ? line + "\n"
                : SamplesCsv.HEADER + "\n" + (line == null ? "" : line);
        assertThatThrownBy(() -> read(text)).isInstanceOf(MigLabException.class).hasMessageStartingWith(message);
    }

    @Test
    void anEmptyFileSaysWhatTheHeaderMustBe() {
        assertThatThrownBy(() -> read("")).hasMessageContaining(SamplesCsv.HEADER);
    }
}
