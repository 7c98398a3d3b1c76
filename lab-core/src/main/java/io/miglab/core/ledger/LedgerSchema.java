package io.miglab.core.ledger;

import io.miglab.core.MigLabException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's own versioned schema. Version n is the script {@code migrations/V<n>__*.sql}; SQLite's {@code
 * user_version} says which have run. A ledger from a newer MigLab is refused rather than guessed at.
 */
final class LedgerSchema {
    /** The scripts in order; their position + 1 is the version they bring the ledger to. */
    static final List<String> MIGRATIONS = List.of(
            "V1__experiments.sql",
            "V2__targets.sql",
            "V3__target_ids.sql",
            "V4__preferences_and_goals.sql",
            "V5__experiment_links.sql");

    static final int LATEST = MIGRATIONS.size();

    private LedgerSchema() {}

    static int version(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * Brings the ledger up to {@code targetVersion}. An existing ledger with experiments is first copied beside
     * itself ({@code lab.db.v<n>.bak}), so an upgrade never loses anything even if a later step fails.
     */
    static void migrate(Connection connection, Path file, int targetVersion) throws SQLException {
        int current = version(connection);
        if (current > LATEST) {
            throw new MigLabException(
                    "The ledger " + file + " has schema version " + current + ", newer than this MigLab understands"
                            + " (up to " + LATEST + ").",
                    "Use a newer MigLab with this ledger, or another MigLab home (--home or MIGLAB_HOME).",
                    null);
        }
        if (current >= targetVersion) {
            return;
        }
        if (current > 0 && file != null) {
            Path backup = file.resolveSibling(file.getFileName() + ".v" + current + ".bak");
            if (!backup.toFile().exists()) {
                try (Statement st = connection.createStatement()) {
                    st.execute("VACUUM INTO '" + backup.toString().replace("'", "''") + "'");
                }
            }
        }
        for (int version = current + 1; version <= targetVersion; version++) {
            String script = MIGRATIONS.get(version - 1);
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                for (String sql : statements(read(script))) {
                    st.executeUpdate(sql);
                }
                st.executeUpdate("PRAGMA user_version = " + version);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw new MigLabException(
                        "Upgrading the ledger " + file + " to schema version " + version + " (" + script + ") failed: "
                                + e.getMessage(),
                        e);
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static String read(String script) {
        try (InputStream in = LedgerSchema.class.getResourceAsStream("migrations/" + script)) {
            if (in == null) {
                throw new IllegalStateException("Missing ledger migration " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read ledger migration " + script, e);
        }
    }

    /** Splits a migration script at semicolons that end a line; our scripts keep no semicolons inside literals. */
    static List<String> statements(String script) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                result.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            result.add(current.toString().strip());
        }
        return result;
    }
}
