package io.miglab.core.workspace;

import io.miglab.core.MigLabException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The folder where MigLab keeps its state: the experiment ledger ({@code lab.db}), lab instances and the PostgreSQL
 * binaries they run. Chosen by {@code --home}, else the {@code MIGLAB_HOME} variable, else {@code ~/.miglab}.
 */
public record MigLabHome(Path root) {
    public static final String ENV_VARIABLE = "MIGLAB_HOME";

    public MigLabHome {
        root = root.toAbsolutePath().normalize();
    }

    /** Resolves the home from an explicit choice (may be null), then the environment, then the user's home. */
    public static MigLabHome resolve(Path explicit, Map<String, String> environment) {
        if (explicit != null) {
            return new MigLabHome(explicit);
        }
        String fromEnv = environment.get(ENV_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new MigLabHome(Path.of(fromEnv));
        }
        return new MigLabHome(Path.of(System.getProperty("user.home"), ".miglab"));
    }

    public Path ledgerFile() {
        return root.resolve("lab.db");
    }

    public Path instancesDir() {
        return root.resolve("instances");
    }

    public Path binariesDir() {
        return root.resolve("pg");
    }

    public Path logsDir() {
        return root.resolve("logs");
    }

    /** Creates the folder if needed, with a clear error when it cannot be. */
    public MigLabHome ensureExists() {
        try {
            Files.createDirectories(root);
            return this;
        } catch (IOException e) {
            throw new MigLabException(
                    "Cannot create the MigLab home " + root + ": " + e.getMessage(),
                    "Choose another folder with --home or MIGLAB_HOME.",
                    new UncheckedIOException(e));
        }
    }
}
