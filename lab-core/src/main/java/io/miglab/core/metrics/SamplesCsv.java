package io.miglab.core.metrics;

import io.miglab.core.MigLabException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The samples file MigLab reads and writes: header {@code timestamp,namespace,pod,container,cpu_millicores,
 * memory_bytes}, ISO-8601 timestamps (with an offset or Z), one container reading per line. A bad line is refused
 * with its line number and column, never skipped.
 */
public final class SamplesCsv {
    /** The artifact a recording experiment stores its samples in. */
    public static final String ARTIFACT = "samples.csv";

    public static final String HEADER = "timestamp,namespace,pod,container,cpu_millicores,memory_bytes";
    /** More lines than this is not a samples file a person meant (a day of 50 pods at 1 s is 4.3M). */
    static final int MAX_LINES = 20_000_000;

    private SamplesCsv() {}

    public static List<PodSample> read(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.getFileName().toString());
        } catch (NoSuchFileException e) {
            throw new MigLabException("There is no samples file " + file + ".");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new MigLabException(file.getFileName() + " is not UTF-8 text.");
        } catch (IOException e) {
            throw new MigLabException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<PodSample> read(Reader reader, String name) {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<PodSample> samples = new ArrayList<>();
        try {
            String header = in.readLine();
            if (header == null) {
                throw new MigLabException(name + " is empty; its first line must be: " + HEADER);
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            if (!header.strip().equals(HEADER)) {
                throw new MigLabException(
                        name + ":1: the header must be '" + HEADER + "', not '" + shorten(header) + "'.");
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (number > MAX_LINES) {
                    throw new MigLabException(name + " has more than " + MAX_LINES + " lines.");
                }
                if (line.isBlank()) {
                    continue;
                }
                samples.add(parse(line, name, number));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (samples.isEmpty()) {
            throw new MigLabException(name + " has a header but no samples.");
        }
        return samples;
    }

    private static PodSample parse(String line, String name, int number) {
        String[] f = line.split(",", -1);
        if (f.length != 6) {
            throw new MigLabException(
                    name + ":" + number + ": expected 6 fields (" + HEADER + "), found " + f.length + ".");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(f[0].strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new MigLabException(name + ":" + number + ":1: '" + shorten(f[0])
                    + "' is not an ISO-8601 timestamp with an offset, such as 2026-12-01T10:15:30Z.");
        }
        for (int i = 1; i <= 3; i++) {
            if (f[i].isBlank()) {
                throw new MigLabException(
                        name + ":" + number + ":" + (i + 1) + ": the " + HEADER.split(",")[i] + " is empty.");
            }
        }
        double cpu;
        try {
            cpu = Double.parseDouble(f[4].strip());
        } catch (NumberFormatException e) {
            cpu = Double.NaN;
        }
        if (!(cpu >= 0) || cpu > 1e9) {
            throw new MigLabException(name + ":" + number + ":5: cpu_millicores must be a number from 0 to 1e9, not '"
                    + shorten(f[4]) + "'.");
        }
        long memory;
        try {
            memory = Long.parseLong(f[5].strip());
        } catch (NumberFormatException e) {
            memory = -1;
        }
        if (memory < 0) {
            throw new MigLabException(name + ":" + number + ":6: memory_bytes must be a whole number of bytes, not '"
                    + shorten(f[5]) + "'.");
        }
        return new PodSample(at, f[1].strip(), f[2].strip(), f[3].strip(), cpu, memory);
    }

    public static void write(List<PodSample> samples, Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
        for (PodSample s : samples) {
            writeLine(s, out);
        }
    }

    /** The whole file in memory, for an experiment's artifact. */
    public static byte[] bytes(List<PodSample> samples) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            write(samples, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** One sample as a line of the file, newline included. */
    public static void writeLine(PodSample s, Writer out) throws IOException {
        out.write(s.at() + "," + s.namespace() + "," + s.pod() + "," + s.container() + ","
                + String.format(Locale.ROOT, "%.3f", s.cpuMillicores()) + "," + s.memoryBytes() + "\n");
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
