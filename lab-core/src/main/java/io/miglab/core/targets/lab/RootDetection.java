package io.miglab.core.targets.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tells whether this process runs as root, which PostgreSQL refuses (see {@link LabInstanceManager}). */
final class RootDetection {
    private static final boolean ROOT = detect();

    private RootDetection() {}

    static boolean isRoot() {
        return ROOT;
    }

    private static boolean detect() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
