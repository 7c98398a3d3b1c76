package io.miglab.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Json;
import org.junit.jupiter.api.Test;

/** Rendered ADF against the ADF JSON schema of @atlaskit/adf-schema (draft 04). */
class AdfSchemaTest {

    @Test
    void aRenderedReportIsValidAdf() throws Exception {
        JsonNode doc = Json.mapper().readTree(new AdfRenderer().render(ReportFixtures.hostile()));
        assertThat(AdfSchema.validate(doc)).isEmpty();
    }

    @Test
    void anInvalidDocumentIsRejected() throws Exception {
        ObjectNode doc = new AdfRenderer().document(ReportFixtures.hostile());
        // Jira's 400 "Operation value must be an Atlassian Document" comes from documents like these.
        ObjectNode noVersion = doc.deepCopy();
        noVersion.remove("version");
        assertThat(AdfSchema.validate(noVersion)).isNotEmpty();
        ObjectNode emptyText =
                Json.mapper().createObjectNode().put("version", 1).put("type", "doc");
        emptyText
                .putArray("content")
                .addObject()
                .put("type", "paragraph")
                .putArray("content")
                .addObject()
                .put("type", "text")
                .put("text", "");
        assertThat(AdfSchema.validate(emptyText)).isNotEmpty();
        ObjectNode badHeading =
                Json.mapper().createObjectNode().put("version", 1).put("type", "doc");
        badHeading
                .putArray("content")
                .addObject()
                .put("type", "heading")
                .putObject("attrs")
                .put("level", 9);
        assertThat(AdfSchema.validate(badHeading)).isNotEmpty();
    }
}
