package io.miglab.app.cli;

import io.miglab.core.targets.lab.PostgresBinaries;
import io.miglab.core.targets.lab.PostgresRelease;
import picocli.CommandLine.IVersionProvider;

/** {@code miglab --version}: MigLab's version and the PostgreSQL it runs lab instances on. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {
            "MigLab " + (version == null ? "development build" : version),
            "Lab instances: PostgreSQL " + PostgresBinaries.BUNDLED_VERSION + " (also "
                    + PostgresRelease.supported().stream()
                            .filter(r -> r.major() != PostgresRelease.DEFAULT_MAJOR)
                            .map(PostgresRelease::version)
                            .collect(java.util.stream.Collectors.joining(", "))
                    + " with --pg-version, downloaded on first use)"
        };
    }
}
