package io.miglab.datasets.pagila;

import io.miglab.core.workload.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The workload shipped with Pagila: the typical tutorial queries (lookups by key, joins of rentals, monthly reports,
 * full-text search) in the {@code -- name:} format, weighted so lookups run more often than reports. It runs unchanged
 * on the official release and on generated data at any scale, so it is the default workload of a baseline.
 */
public final class PagilaWorkload {
    /** The name the workload carries into experiment titles. */
    public static final String NAME = "pagila-workload.sql";

    private static final String RESOURCE = "workload.sql";

    private PagilaWorkload() {}

    /** The workload file's text, for showing it or saving it as a starting point. */
    public static String text() {
        try (InputStream in = PagilaWorkload.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The Pagila workload is missing from the build: " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundled Pagila workload", e);
        }
    }

    /** The parsed workload. */
    public static Workload bundled() {
        return Workload.parse(NAME, text());
    }
}
