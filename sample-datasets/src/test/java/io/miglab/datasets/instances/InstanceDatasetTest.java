package io.miglab.datasets.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.testing.NeedsMachinePostgres;
import io.miglab.core.testing.ScratchDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("postgres")
@NeedsMachinePostgres
class InstanceDatasetTest {
    @TempDir
    Path temp;

    @Test
    void makesTheStorysDatabaseAndWritesItsScriptsWithTheBatchSizeAsked() throws Exception {
        try (ScratchDatabase scratch = ScratchDatabase.create("instds")) {
            String database = scratch.name() + "_made";
            InstanceDataset.Made made = new InstanceDataset(scratch.factory())
                    .create(database, 300, 3, temp.resolve("scripts"), 25, ProgressListener.NONE, Cancellation.none());
            try {
                assertThat(made.generated().rows()).isEqualTo(300);
                try (Connection c = scratch.factory().open(database)) {
                    assertThat(count(c, "SELECT count(*) FROM instance")).isEqualTo(300);
                }
                assertThat(made.scripts())
                        .extracting(p -> p.getFileName().toString())
                        .containsExactly(
                                InstanceScripts.AS_WRITTEN.fileName(), InstanceScripts.WITH_TEMPORARY_INDEX.fileName());
                assertThat(Files.readString(made.scripts().get(0)))
                        .contains("CALL migrate_publication_period(batch_size => 25);");

                // A second time into the same folder: refused before a database is created.
                String again = scratch.name() + "_again";
                assertThatThrownBy(() -> new InstanceDataset(scratch.factory())
                                .create(
                                        again,
                                        10,
                                        3,
                                        temp.resolve("scripts"),
                                        25,
                                        ProgressListener.NONE,
                                        Cancellation.none()))
                        .isInstanceOf(MigLabException.class)
                        .hasMessageContaining("already exists: nothing was written");
                try (Connection c = scratch.connect()) {
                    assertThat(count(c, "SELECT count(*) FROM pg_database WHERE datname = '" + again + "'"))
                            .isZero();
                }
            } finally {
                scratch.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    @Test
    void aGuardedTargetIsRefusedBeforeAnythingIsCreated() {
        try (ScratchDatabase scratch = ScratchDatabase.create("instdsg")) {
            assertThatThrownBy(() -> new InstanceDataset(scratch.guardedFactory())
                            .create("never_made", 10, 1, null, 100, ProgressListener.NONE, Cancellation.none()))
                    .isInstanceOf(MigLabException.class)
                    .hasMessageContaining("guarded and locked");
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
