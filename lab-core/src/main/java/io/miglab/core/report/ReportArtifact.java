package io.miglab.core.report;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A file that goes with a report (the plan JSON, the raw latencies): read only when a bundle is written.
 *
 * @param description what it is, for the manifest and the artifact list
 */
public record ReportArtifact(String name, String mediaType, String description, Supplier<byte[]> content) {

    /** Whether it is text, which the bundle passes through redaction before writing. */
    public boolean isText() {
        return mediaType.startsWith("text/")
                || mediaType.endsWith("json")
                || mediaType.endsWith("yaml")
                || mediaType.endsWith("sql")
                || mediaType.endsWith("xml");
    }

    ReportArtifact mapText(UnaryOperator<String> f) {
        return new ReportArtifact(f.apply(name), mediaType, f.apply(description), content);
    }
}
