package io.miglab.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.miglab.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The ADF JSON schema of the npm package {@code @atlaskit/adf-schema} ({@code dist/json-schema/v1/full.json}, draft
 * 04), read from the package tarball that lab-core's build downloads in generate-test-resources (pinned by SHA-256
 * in lab-core/pom.xml; never committed). Missing, it fails the test rather than skipping it.
 */
final class AdfSchema {
    static final Path TARBALL = Path.of("target", "adf-schema", "adf-schema.tgz");
    static final String ENTRY = "package/dist/json-schema/v1/full.json";

    private static Schema schema;

    private AdfSchema() {}

    static synchronized Schema get() throws IOException {
        if (schema == null) {
            if (!Files.isRegularFile(TARBALL)) {
                throw new IllegalStateException(TARBALL.toAbsolutePath() + " is missing: the build downloads it in"
                        + " generate-test-resources (run the tests through Maven).");
            }
            JsonNode node = null;
            try (InputStream file = Files.newInputStream(TARBALL);
                    TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    if (entry.getName().equals(ENTRY)) {
                        node = Json.mapper().readTree(tar.readAllBytes());
                        break;
                    }
                }
            }
            if (node == null) {
                throw new IllegalStateException(TARBALL + " holds no " + ENTRY);
            }
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(node);
        }
        return schema;
    }

    static List<Error> validate(JsonNode document) throws IOException {
        return get().validate(document);
    }
}
