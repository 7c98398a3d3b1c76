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

    /** The starter lab's hand-written indexes, the set the index advisor is compared with. */
    public static final String OPTIMIZATION = "optimization.sql";

    private static final String RESOURCE = "workload.sql";

    private PagilaWorkload() {}

    /** The workload file's text, for showing it or saving it as a starting point. */
    public static String text() {
        return resource(RESOURCE);
    }

    /**
     * The text of {@value #OPTIMIZATION}: the seed's hand-written indexes (idx_category_name,
     * idx_film_category_film_id, idx_film_category_category_id, idx_inventory_film_id, idx_rental_inventory_id_date),
     * one named CREATE INDEX per statement.
     */
    public static String optimizationText() {
        return resource(OPTIMIZATION);
    }

    private static String resource(String name) {
        try (InputStream in = PagilaWorkload.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("A Pagila resource is missing from the build: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundled Pagila resource " + name, e);
        }
    }

    /** The parsed workload. */
    public static Workload bundled() {
        return Workload.parse(NAME, text());
    }
}
