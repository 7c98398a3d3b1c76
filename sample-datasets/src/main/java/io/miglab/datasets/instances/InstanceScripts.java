package io.miglab.datasets.instances;

import io.miglab.core.MigLabException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The story's migration in its two variants, shipped as resources: as it was written (batches that select the next
 * unmigrated rows by a predicate no index serves) and with the fix (a temporary index on that predicate, created
 * before and dropped after). Both write the same publicationPeriod on every row.
 */
public enum InstanceScripts {
    AS_WRITTEN("as written", "migrate-publication-period.sql"),
    WITH_TEMPORARY_INDEX("with the temporary index", "migrate-publication-period-with-index.sql");

    private final String label;
    private final String resource;

    InstanceScripts(String label, String resource) {
        this.label = label;
        this.resource = resource;
    }

    /** How a report names the variant: {@code as written}, {@code with the temporary index}. */
    public String label() {
        return label;
    }

    /** The file name, as the resource and in messages. */
    public String fileName() {
        return resource;
    }

    /** The CALL both scripts end their work with; {@link #withBatchSize} rewrites it. */
    static final String CALL = "CALL migrate_publication_period();";

    public InputStream open() {
        InputStream in = InstanceScripts.class.getResourceAsStream(resource);
        if (in == null) {
            throw new MigLabException("The sample script " + resource + " is missing from sample-datasets.");
        }
        return in;
    }

    /**
     * The script with its batches of {@code batchSize} rows instead of the 1000 it was written with: the lab's sizes
     * are thousands of times smaller than production's, and smaller batches keep the number of batches per table,
     * which is what makes the scan per batch dominate, nearer production's.
     */
    public String withBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new MigLabException("Batch size must be at least 1, not " + batchSize + ".");
        }
        String text = text();
        if (!text.contains(CALL)) {
            throw new MigLabException(resource + " no longer contains '" + CALL + "' to set its batch size in.");
        }
        return text.replace(CALL, "CALL migrate_publication_period(batch_size => " + batchSize + ");");
    }

    public String text() {
        try (InputStream in = open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
