package io.miglab.core.migrate;

import io.miglab.core.migrate.LoadReport.ResourceSample;

/** Live detail of a load beyond the progress line, for charts; every method may be called from worker threads. */
public interface LoadObserver {
    LoadObserver NONE = new LoadObserver() {};

    /** A matrix is about to start its run {@code index} (from 1) of {@code total}, with these settings. */
    default void run(LoaderSettings settings, int index, int total) {}

    /** A table's rows so far in a phase ({@code copy}, {@code indexes}, ...); total -1 when unknown. */
    default void table(String table, String phase, long rowsDone, long rowsTotal) {}

    /** Resource samples of the loading side and of the destination's server (either may be null). */
    default void resources(ResourceSample client, ResourceSample server) {}
}
