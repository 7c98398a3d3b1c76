package io.miglab.core.migration.lint;

import io.miglab.core.MigLabException;
import io.miglab.core.targets.TargetRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

/**
 * The size-aware lint of a data-migration script, as one feature for every caller: it reads the script, connects to
 * the target read-only when one is given, and runs the rules. Nothing of the script is executed.
 */
public final class ScriptLint {
    private final TargetRegistry targets;

    /** {@code targets} may be null when no request will name a target. */
    public ScriptLint(TargetRegistry targets) {
        this.targets = targets;
    }

    public LintReport lint(LintRequest request) {
        LintConfig config =
                request.config() != null ? LintConfig.load(request.config()) : LintConfig.near(request.script());
        if (request.target() == null) {
            return lint(request.script(), request.script().toString(), TableStats.none(), config);
        }
        if (targets == null) {
            throw new MigLabException("No targets are known here; lint without --target.");
        }
        try (Connection connection = targets.connector(request.target()).open(request.database())) {
            LintReport report =
                    lint(request.script(), request.script().toString(), new PostgresTableStats(connection), config);
            return new LintReport(report.file(), request.target(), true, report.findings());
        } catch (SQLException e) {
            throw new MigLabException(
                    "Cannot connect to target " + request.target() + " to read table sizes: " + e.getMessage(), e);
        }
    }

    /** The lint of {@code script} with the sizes of {@code stats}; {@code label} is how findings name the file. */
    public static LintReport lint(Path script, String label, TableStats stats, LintConfig config) {
        LintSource source = LintSource.read(script, label);
        List<Finding> findings = new Linter(source, stats, config)
                .run().stream()
                        .sorted(Comparator.comparingInt(Finding::line)
                                .thenComparingInt(Finding::column)
                                .thenComparing(Finding::rule))
                        .toList();
        return new LintReport(label, null, stats.available(), findings);
    }
}
