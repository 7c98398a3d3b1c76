package io.miglab.core.migration.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * One migration file of a set.
 *
 * @param version the version as written ({@code 1.1}, {@code 2_1}, {@code 001}), or null for a Flyway repeatable
 * @param name the description part of the file name ({@code create_films})
 * @param path where it was read from
 * @param sha256 hex SHA-256 of the file's bytes: the file's identity for the cache and the gate
 * @param declared the versions named in its {@code -- depends: V3, V5} header, as written
 * @param sql its text
 */
public record MigrationFile(String version, String name, Path path, String sha256, List<String> declared, String sql) {
    public MigrationFile {
        declared = List.copyOf(declared);
    }

    /** The file's name, which is how people and the ledger refer to it. */
    public String fileName() {
        return path.getFileName().toString();
    }

    public boolean repeatable() {
        return version == null;
    }

    /**
     * Whether {@code reference} (from a {@code -- depends:} header: {@code V3}, {@code 3}, {@code 1.1}, {@code 003} or
     * the file name) names this file.
     */
    public boolean isNamedBy(String reference) {
        String r = reference.strip();
        if (r.equals(fileName()) || (repeatable() && (r.equals("R__" + name) || r.equals(name)))) {
            return true;
        }
        if (repeatable()) {
            return false;
        }
        String v = r.startsWith("V") || r.startsWith("v") ? r.substring(1) : r;
        return MigrationSet.isVersion(v) && MigrationSet.compareVersions(v, version) == 0;
    }
}
