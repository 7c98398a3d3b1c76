package io.miglab.core.migrate;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import io.miglab.core.targets.TargetConnector;

/**
 * The one seam through which loaders that run other programs ({@link LoaderKind#external()}: pg_dump and
 * pg_restore) plug into {@link LoaderService}. The service still owns the request, the destination checks and the
 * experiment; the external loader only moves the data and says how long each part took.
 */
public interface ExternalLoader {
    /**
     * Loads {@code request}'s tables from the source into the destination database, which exists and holds none of
     * them.
     *
     * @param destinationDatabase the destination's database, already resolved (never null)
     */
    LoadReport load(
            LoadRequest request,
            TargetConnector source,
            TargetConnector destination,
            String destinationDatabase,
            LoadObserver observer,
            ProgressListener progress,
            Cancellation cancellation);
}
