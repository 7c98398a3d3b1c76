package io.miglab.core.targets.lab;

import java.nio.file.Path;

/**
 * Where tests unpack the PostgreSQL binaries: one folder under target/ shared by every test of the build, so the
 * 15 MB archive is unpacked once rather than per test home.
 */
public final class SharedBinaries {
    private SharedBinaries() {}

    public static Path dir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "miglab-test-binaries");
    }
}
