package io.miglab.core.report.epic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The hand-written "PostgreSQL to CockroachDB" epic the tests read. */
final class EpicFixture {
    private EpicFixture() {}

    static String cockroach() {
        try (InputStream in = EpicFixture.class.getResourceAsStream("postgres-to-cockroach.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
