package io.miglab.core.targets.lab;

import io.miglab.core.ProgressListener;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MigLab's own embedded PostgreSQL servers, as one feature for every caller. {@link LabInstanceManager} implements
 * it on the MigLab home.
 */
public interface LabInstances {

    List<LabInstance> list();

    Optional<LabInstance> find(String name);

    /** Creates the instance the first time (on the default major), then starts it; returns it running. */
    LabInstance start(String name, ProgressListener progress);

    /**
     * Creates the instance the first time on PostgreSQL {@code pgMajor}, then starts it; refuses an existing
     * instance of another major, and a major MigLab has no binaries for.
     */
    default LabInstance start(String name, int pgMajor, ProgressListener progress) {
        PostgresRelease.of(pgMajor);
        LabInstance instance = find(name).orElse(null);
        if (instance != null && instance.major() != pgMajor) {
            throw new io.miglab.core.MigLabException(
                    "Lab instance '" + name + "' runs PostgreSQL " + instance.major() + ", not " + pgMajor + ".");
        }
        if (instance == null && pgMajor != PostgresRelease.DEFAULT_MAJOR) {
            throw new UnsupportedOperationException(
                    "these lab instances run PostgreSQL " + PostgresRelease.DEFAULT_MAJOR + " only");
        }
        return start(name, progress);
    }

    /** Stops it; false when it was not running. */
    boolean stop(String name);

    LabInstance restart(String name, ProgressListener progress);

    void delete(String name);

    /** Its state as it is now (running or not, port, version). */
    LabInstance describe(String name);

    List<String> logTail(String name, int lines);

    /** Applies settings with ALTER SYSTEM and a reload; returns those that need a restart. */
    List<String> applySettings(String name, Map<String, String> settings);

    void resetSettings(String name, Collection<String> keys);

    Map<String, String> settings(String name);
}
