package io.miglab.core.migrate;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import java.util.List;

/**
 * Loading as one feature for every caller: move tables from one target to another with a chosen loader, one run or
 * a matrix of variants each on a clean destination. Writes only to the destination, which must be a lab instance or
 * an unlocked guarded target; each run is an experiment of kind {@code load}, a matrix one of kind
 * {@code load-matrix} linked to its runs.
 */
public interface Loaders {
    String KIND = "load";
    String MATRIX_KIND = "load-matrix";

    Load load(LoadRequest request, LoadObserver observer, ProgressListener progress, Cancellation cancellation);

    /** Runs every variant {@code repeats} times on a clean destination, interleaved, and ranks them by median time. */
    Matrix matrix(MatrixRequest request, LoadObserver observer, ProgressListener progress, Cancellation cancellation);

    record Load(long experimentId, LoadReport report) {}

    /**
     * @param request the data to move; its settings are replaced by each variant's
     * @param variants at least one, no duplicates
     * @param repeats runs per variant, 1 to 20
     */
    record MatrixRequest(LoadRequest request, List<LoaderSettings> variants, int repeats) {}

    /**
     * @param rows fastest first
     * @param marginLow lower end of the 95 % interval of (next's time / best's time) when repeated, else NaN
     */
    record Matrix(long experimentId, List<MatrixRow> rows, double margin, double marginLow, double marginHigh) {
        public MatrixRow best() {
            return rows.get(0);
        }
    }

    /** One variant's runs: seconds per repeat, median, throughput at the median, the experiments. */
    record MatrixRow(
            LoaderSettings settings,
            List<Double> seconds,
            double medianSeconds,
            double rowsPerSecond,
            double megabytesPerSecond,
            List<Long> experimentIds,
            String failure) {}
}
