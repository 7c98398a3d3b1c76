package io.miglab.core.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The golden plan files under src/test/resources/io/miglab/core/plan/fixtures, one folder per server version. */
final class PlanFixtures {
    static final String SOURCE_DIR = "src/test/resources/io/miglab/core/plan/fixtures";

    private PlanFixtures() {}

    /** The fixtures in the source tree, where the update mode writes; the module's folder is the working folder. */
    static Path sourceDir() {
        Path dir = Path.of(SOURCE_DIR);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Run the tests from the lab-core folder: " + dir.toAbsolutePath()
                    + " is not there, so the expected files cannot be rewritten.");
        }
        return dir;
    }

    /** The catalog captured beside a case ({@code CASE.indexes.json}), or an empty one. */
    static IndexCatalog indexes(Path dir, String base) {
        Path file = dir.resolve(base + ".indexes.json");
        if (!Files.exists(file)) {
            return IndexCatalog.EMPTY;
        }
        try {
            return IndexCatalog.fromJson(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path root() {
        try {
            return Path.of(PlanFixtures.class.getResource("fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file of the fixture folders, sorted. */
    static List<Path> files() {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> planFiles() {
        return files().stream()
                .filter(p -> p.getFileName().toString().endsWith(".plan.json")
                        || p.getFileName().toString().endsWith(".plan.txt"))
                .toList();
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "pg15/cte-two-scans" for ".../fixtures/pg15/cte-two-scans.plan.json". */
    static String caseName(Path p) {
        String rel = root().relativize(p).toString().replace('\\', '/');
        int dot = rel.indexOf('.', rel.lastIndexOf('/') + 1);
        return rel.substring(0, dot);
    }
}
