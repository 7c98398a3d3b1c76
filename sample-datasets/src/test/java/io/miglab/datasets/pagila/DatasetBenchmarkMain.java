package io.miglab.datasets.pagila;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;

/**
 * Runs {@link DatasetBenchmark} against the machine's PostgreSQL until the CLI's {@code miglab bench dataset} is wired:
 * {@code java -cp ... io.miglab.datasets.pagila.DatasetBenchmarkMain SCALE [PARALLELISM]}. Not a test.
 */
public final class DatasetBenchmarkMain {
    private DatasetBenchmarkMain() {}

    public static void main(String[] args) {
        int scale = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int parallelism = args.length > 1
                ? Integer.parseInt(args[1])
                : Runtime.getRuntime().availableProcessors();
        ScratchServer server = new ScratchServer();
        DatasetBenchmarkResult result = new DatasetBenchmark(server.factory())
                .run(scale, parallelism, true, 3, ProgressListener.NONE, Cancellation.none());
        result.lines().forEach(System.out::println);
    }
}
