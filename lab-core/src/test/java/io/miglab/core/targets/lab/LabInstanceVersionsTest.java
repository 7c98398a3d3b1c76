package io.miglab.core.targets.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.targets.ServerFingerprint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lab instances on a major MigLab does not bundle: the PostgreSQL 15 binaries are resolved the first time (local
 * Maven repository, else Maven Central; kept in the shared test binaries folder, so the build downloads them at most
 * once), and the instance keeps its major across restarts.
 */
@Tag("postgres")
class LabInstanceVersionsTest {
    @TempDir
    static Path home;

    static LabInstanceManager manager;

    @BeforeAll
    static void createManager() {
        manager = new LabInstanceManager(home.resolve("instances"), SharedBinaries.dir());
    }

    @AfterAll
    static void stopAll() {
        manager.stopStartedHere();
    }

    @Test
    void aFifteenInstanceRunsBesideASixteenAndKeepsItsMajor() throws Exception {
        List<Progress> reports = new CopyOnWriteArrayList<>();
        LabInstance old = manager.start("old", 15, reports::add);
        LabInstance current = manager.start("current", ProgressListener.NONE);

        assertThat(serverVersionNum(old)).isBetween(150000, 159999);
        assertThat(serverVersionNum(current)).isBetween(160000, 169999);
        assertThat(old.port()).isNotEqualTo(current.port());
        assertThat(old.serverVersion()).isEqualTo("15.19.0");
        assertThat(old.major()).isEqualTo(15);
        assertThat(reports).anyMatch(p -> p.message().contains("PostgreSQL 15.19.0"));
        try (Connection c = DriverManager.getConnection(old.jdbcUrl())) {
            TargetFingerprint fingerprint = ServerFingerprint.capture("old", c, null);
            assertThat(fingerprint.serverVersion()).startsWith("15.");
        }
        assertThat(manager.list())
                .extracting(LabInstance::name, LabInstance::major)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("old", 15),
                        org.assertj.core.groups.Tuple.tuple("current", 16));

        manager.stop("old");
        LabInstance again = manager.start("old", ProgressListener.NONE);
        assertThat(serverVersionNum(again))
                .as("a start without a version keeps the instance's own")
                .isBetween(150000, 159999);
        assertThat(manager.start("old", 15, ProgressListener.NONE).pid()).isEqualTo(again.pid());
    }

    @Test
    void anExistingInstanceOfAnotherMajorIsRefused() {
        manager.start("clash", 15, ProgressListener.NONE);

        assertThatThrownBy(() -> manager.start("clash", 16, ProgressListener.NONE))
                .isInstanceOf(MigLabException.class)
                .hasMessage("Lab instance 'clash' runs PostgreSQL 15, not 16.");
        assertThatThrownBy(() -> manager.start("clash", 14, ProgressListener.NONE))
                .isInstanceOf(MigLabException.class)
                .hasMessage("--pg-version must be one of 15, 16, 17, 18, not 14.");
        manager.stop("clash");
    }

    static int serverVersionNum(LabInstance instance) throws Exception {
        try (Connection c = DriverManager.getConnection(instance.jdbcUrl());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }
}
