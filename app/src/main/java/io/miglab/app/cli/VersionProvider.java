package io.miglab.app.cli;

import io.miglab.core.targets.lab.PostgresBinaries;
import picocli.CommandLine.IVersionProvider;

/** {@code miglab --version}: MigLab's version and the PostgreSQL it runs lab instances on. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {
            "MigLab " + (version == null ? "development build" : version),
            "Lab instances: PostgreSQL " + PostgresBinaries.BUNDLED_VERSION
        };
    }
}
