package io.miglab.core.migration.lint;

import io.miglab.core.MigLabException;
import java.nio.file.Path;

/**
 * What to lint and against what.
 *
 * @param script the script file
 * @param target the target whose catalog gives table sizes and indexes, or null to lint without one
 * @param database a database on the target's server, or null for the target's own
 * @param config a configuration file, or null to look for {@code .miglab-lint.yaml} beside the script and above
 */
public record LintRequest(Path script, String target, String database, Path config) {
    public LintRequest {
        if (script == null) {
            throw new MigLabException("Which script? Give the file to lint.");
        }
        if (database != null && target == null) {
            throw new MigLabException("--database needs --target: a database on which target's server?");
        }
    }

    public static LintRequest of(Path script) {
        return new LintRequest(script, null, null, null);
    }
}
