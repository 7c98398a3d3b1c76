package io.miglab.datasets.pagila;

import io.miglab.core.Cancellation;
import io.miglab.core.ProgressListener;
import java.nio.file.Path;

/**
 * Sample data as one feature for every caller: import the official Pagila release or generate Pagila at a scale,
 * into a database of a target, recorded as an experiment of kind {@value PagilaLoads#KIND}.
 */
public interface Datasets {

    PagilaLoads.Recorded<PagilaImport> importOfficial(
            String target,
            Path folder,
            String database,
            boolean replace,
            ProgressListener progress,
            Cancellation cancellation);

    PagilaLoads.Recorded<PagilaGeneration> generate(
            String target, GenerateOptions options, ProgressListener progress, Cancellation cancellation);

    /** Loads through {@link PagilaLoads} on the named target's connections. */
    static Datasets on(io.miglab.core.workspace.Workspace workspace) {
        return new Datasets() {
            @Override
            public PagilaLoads.Recorded<PagilaImport> importOfficial(
                    String target,
                    Path folder,
                    String database,
                    boolean replace,
                    ProgressListener progress,
                    Cancellation cancellation) {
                return loads(target).importOfficial(folder, database, replace, progress, cancellation);
            }

            @Override
            public PagilaLoads.Recorded<PagilaGeneration> generate(
                    String target, GenerateOptions options, ProgressListener progress, Cancellation cancellation) {
                return loads(target).generate(options, progress, cancellation);
            }

            private PagilaLoads loads(String target) {
                return new PagilaLoads(
                        workspace.ledger(), target, workspace.targets().connector(target));
            }
        };
    }
}
