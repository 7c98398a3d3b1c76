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

    public InputStream open() {
        InputStream in = InstanceScripts.class.getResourceAsStream(resource);
        if (in == null) {
            throw new MigLabException("The sample script " + resource + " is missing from sample-datasets.");
        }
        return in;
    }

    public String text() {
        try (InputStream in = open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
