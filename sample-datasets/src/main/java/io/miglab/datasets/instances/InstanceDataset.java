package io.miglab.datasets.instances;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.targets.ConnectionFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The migration story's sample as a database of its own, to time with {@code miglab script time}: a new database
 * with {@code instance} generated in it, and the story's two scripts written beside, with the batch size the lab's
 * sizes call for.
 */
public final class InstanceDataset {
    /** Rows at most: a hundred million documents is some 150 GB. */
    public static final long MAX_ROWS = 100_000_000L;

    private final ConnectionFactory connections;

    public InstanceDataset(ConnectionFactory connections) {
        this.connections = connections;
    }

    /** What was made: the database's generation, and the scripts written (empty without a folder). */
    public record Made(String database, InstanceGenerator.Generated generated, List<Path> scripts) {
        public Made {
            scripts = List.copyOf(scripts);
        }
    }

    /**
     * Creates {@code database} (it must not exist) with {@code rows} instances; with {@code scripts} non-null, writes
     * the story's scripts there with batches of {@code batchSize}, refusing to overwrite a file. A failed generation
     * drops the database it created.
     */
    public Made create(
            String database,
            long rows,
            long seed,
            Path scripts,
            int batchSize,
            ProgressListener progress,
            Cancellation cancellation) {
        if (rows < 1 || rows > MAX_ROWS) {
            throw new MigLabException("--rows must be from 1 to " + MAX_ROWS + ", not " + rows + ".");
        }
        if (!connections.writable()) {
            throw new MigLabException("The instances dataset creates a database: the target is guarded and locked;"
                    + " use a lab instance or unlock it first.");
        }
        List<Path> written = new ArrayList<>();
        if (scripts != null) {
            for (InstanceScripts s : InstanceScripts.values()) {
                Path file = scripts.resolve(s.fileName());
                if (Files.exists(file)) {
                    throw new MigLabException(
                            file + " already exists: nothing was written; choose another --scripts" + " folder.");
                }
                written.add(file);
            }
        }
        String quoted = "\"" + database.replace("\"", "\"\"") + "\"";
        execute("CREATE DATABASE " + quoted, "Cannot create database " + database);
        InstanceGenerator.Generated generated;
        try (Connection c = connections.open(database)) {
            generated = InstanceGenerator.generate(c, rows, seed, progress, cancellation);
        } catch (SQLException | RuntimeException e) {
            try {
                execute("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)", "Cannot drop database " + database);
            } catch (MigLabException dropFailed) {
                e.addSuppressed(dropFailed);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new MigLabException("Cannot connect to " + database + ": " + e.getMessage(), e);
        }
        try {
            if (scripts != null) {
                Files.createDirectories(scripts);
                InstanceScripts[] all = InstanceScripts.values();
                for (int i = 0; i < all.length; i++) {
                    Files.writeString(written.get(i), all[i].withBatchSize(batchSize), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new MigLabException("Cannot write the scripts to " + scripts + ": " + e.getMessage(), e);
        }
        return new Made(database, generated, written);
    }

    private void execute(String sql, String failure) {
        try (Connection c = connections.open();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new MigLabException(failure + ": " + e.getMessage(), e);
        }
    }
}
