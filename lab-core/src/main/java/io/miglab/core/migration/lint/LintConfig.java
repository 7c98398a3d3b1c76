package io.miglab.core.migration.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.miglab.core.MigLabException;
import io.miglab.core.TextFiles;
import io.miglab.core.units.Sizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;

/**
 * What the lint checks: rules turned off, and what "large" means. Read from {@code .miglab-lint.yaml}:
 *
 * <pre>
 * disabled: [missing-statement-timeout]
 * large-table-rows: 1000000
 * large-table-bytes: 1073741824
 * </pre>
 *
 * @param disabled rules that never report
 * @param largeRows a table with at least this many rows is large
 * @param largeBytes a table of at least this many bytes (pg_total_relation_size) is large
 */
public record LintConfig(Set<LintRule> disabled, long largeRows, long largeBytes) {
    /** The file looked for beside the script and in its parent folders. */
    public static final String FILE_NAME = ".miglab-lint.yaml";

    public static final long DEFAULT_LARGE_ROWS = 1_000_000;
    public static final long DEFAULT_LARGE_BYTES = Sizes.GB;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public LintConfig {
        disabled = disabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(disabled));
        if (largeRows < 1 || largeBytes < 1) {
            throw new MigLabException("large-table-rows and large-table-bytes must be at least 1.");
        }
    }

    public static LintConfig defaults() {
        return new LintConfig(Set.of(), DEFAULT_LARGE_ROWS, DEFAULT_LARGE_BYTES);
    }

    /** Whether a table of this size is large; unknown sizes are not. */
    public boolean large(Long rows, Long bytes) {
        return (rows != null && rows >= largeRows) || (bytes != null && bytes >= largeBytes);
    }

    /** The nearest {@value #FILE_NAME} in {@code script}'s folder or above it, else the defaults. */
    public static LintConfig near(Path script) {
        Path dir = script.toAbsolutePath().getParent();
        while (dir != null) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return load(candidate);
            }
            dir = dir.getParent();
        }
        return defaults();
    }

    /** The configuration in {@code file}; a one-line error naming the file and key when it is wrong. */
    public static LintConfig load(Path file) {
        String text = TextFiles.read(file, Sizes.MB, "the lint configuration");
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new MigLabException(file + where + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return defaults();
        }
        if (!root.isObject()) {
            throw new MigLabException(
                    file + ": the lint configuration must be a mapping (disabled, large-table-rows).");
        }
        Set<LintRule> disabled = EnumSet.noneOf(LintRule.class);
        long rows = DEFAULT_LARGE_ROWS;
        long bytes = DEFAULT_LARGE_BYTES;
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            JsonNode value = root.get(key);
            switch (key) {
                case "disabled" -> {
                    if (!value.isArray()) {
                        throw new MigLabException(file + ": disabled must be a list of rule ids.");
                    }
                    for (JsonNode id : value) {
                        disabled.add(LintRule.byId(id.asText(), file + ": disabled"));
                    }
                }
                case "large-table-rows" -> rows = positive(file, key, value);
                case "large-table-bytes" -> bytes = positive(file, key, value);
                default -> throw new MigLabException(file + ": unknown key \"" + key
                        + "\"; the keys are disabled, large-table-rows and large-table-bytes.");
            }
        }
        return new LintConfig(disabled, rows, bytes);
    }

    private static long positive(Path file, String key, JsonNode value) {
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 1) {
            throw new MigLabException(file + ": " + key + " must be a whole number of at least 1, not " + value + ".");
        }
        return value.asLong();
    }
}
