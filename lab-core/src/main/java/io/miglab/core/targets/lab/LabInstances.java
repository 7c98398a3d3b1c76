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

    /** Creates the instance the first time, then starts it; returns it running. */
    LabInstance start(String name, ProgressListener progress);

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
