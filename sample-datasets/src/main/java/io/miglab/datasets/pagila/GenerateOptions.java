package io.miglab.datasets.pagila;

import io.miglab.core.MigLabException;

/**
 * What to generate and where.
 *
 * @param scale 1 is about the official Pagila (16,044 rentals), 100 about 1.6M rentals and 1.6M payments; rentals,
 *     payments, customers, addresses and inventory grow linearly, films and actors with the square root
 * @param seed the same seed and scale give the same data, byte for byte
 * @param database the database to create; names MigLab would take for its staging databases are refused
 * @param parallelism how many COPY streams run at once
 * @param replace drop an existing database of that name once the new one is complete (else refuse to start)
 */
public record GenerateOptions(int scale, long seed, String database, int parallelism, boolean replace) {
    public static final long DEFAULT_SEED = 20_240_101L;

    public GenerateOptions {
        StagedDatabase.validateName(database);
        if (parallelism < 1) {
            throw new MigLabException("Parallelism must be at least 1, not " + parallelism + ".");
        }
    }

    /** Scale {@code scale} into {@code database}, the default seed, one stream per core up to four. */
    public static GenerateOptions of(int scale, String database) {
        return new GenerateOptions(
                scale, DEFAULT_SEED, database, Math.min(4, Runtime.getRuntime().availableProcessors()), false);
    }

    public GenerateOptions withSeed(long seed) {
        return new GenerateOptions(scale, seed, database, parallelism, replace);
    }

    public GenerateOptions withParallelism(int parallelism) {
        return new GenerateOptions(scale, seed, database, parallelism, replace);
    }

    public GenerateOptions withReplace(boolean replace) {
        return new GenerateOptions(scale, seed, database, parallelism, replace);
    }
}
