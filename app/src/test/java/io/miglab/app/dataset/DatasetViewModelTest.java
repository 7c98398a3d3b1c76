package io.miglab.app.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.MigLabHome;
import io.miglab.core.Workspace;
import io.miglab.core.ledger.ExperimentFilter;
import io.miglab.core.target.ConnectionSpec;
import io.miglab.core.target.TargetRole;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Load Pagila" view model against the machine's PostgreSQL, run on the test thread. */
@Tag("postgres")
class DatasetViewModelTest {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    @TempDir
    Path home;

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final SimpleStringProperty current = new SimpleStringProperty("local");
    private Workspace workspace;
    private DatasetViewModel model;

    @BeforeEach
    void open() {
        workspace = Workspace.open(new MigLabHome(home), System.getenv());
        workspace
                .targets()
                .add(
                        "local",
                        ConnectionSpec.parseUrl(SERVER + "postgres?user=postgres")
                                .spec(),
                        TargetRole.LAB);
        model = new DatasetViewModel(workspace, runner, dialogs, current);
    }

    @AfterEach
    void close() throws Exception {
        workspace.close();
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement s = c.createStatement()) {
            for (String db : new String[] {"vm_official_", "vm_gen_"}) {
                s.execute("DROP DATABASE IF EXISTS " + db + suffix + " WITH (FORCE)");
                s.execute("DROP DATABASE IF EXISTS " + db + suffix + "_loading WITH (FORCE)");
            }
        }
    }

    @Test
    void importsTheOfficialReleaseAndShowsRowsPerTable() {
        model.setFolder("/work/shared/datasets/pagila");
        model.setOfficialDatabase("vm_official_" + suffix);

        model.importOfficial();

        assertThat(dialogs.errors).isEmpty();
        assertThat(model.results()).contains(new DatasetViewModel.TableRows("rental", 16044, ""));
        assertThat(model.statusProperty().get()).startsWith("Imported the official Pagila into vm_official_");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(workspace.ledger().list(new ExperimentFilter("dataset", null, null, null, 0)))
                .singleElement()
                .satisfies(e -> assertThat(e.status().label()).isEqualTo("succeeded"));
    }

    @Test
    void generatesAtTheChosenScaleAndRefusesToOverwriteWithoutReplace() {
        model.setScale(2);
        assertThat(model.generatedDatabaseProperty().get()).isEqualTo("pagila_s2");
        model.setScale(1);
        model.setGeneratedDatabase("vm_gen_" + suffix);
        model.setSeed("11");

        model.generate();

        assertThat(dialogs.errors).isEmpty();
        assertThat(model.results())
                .extracting(DatasetViewModel.TableRows::table)
                .contains("rental", "payment");
        assertThat(model.statusProperty().get()).contains("scale 1, seed 11");

        model.generate();
        assertThat(dialogs.errors).singleElement().asString().contains("already exists");
        assertThat(model.statusProperty().get()).startsWith("Failed:");

        model.setReplace(true);
        model.generate();
        assertThat(model.statusProperty().get()).startsWith("Generated vm_gen_");
    }

    @Test
    void explainsWhatIsMissingInsteadOfStarting() {
        model.importOfficial();
        model.setSeed("twelve");
        model.generate();
        current.set(null);
        model.generate();

        assertThat(dialogs.errors)
                .satisfiesExactly(
                        e -> assertThat(e).contains(DatasetViewModel.PAGILA_SOURCE),
                        e -> assertThat(e).contains("\"twelve\""),
                        e -> assertThat(e).contains("Choose the target"));
        assertThat(runner.submittedTitles()).isEmpty();
    }
}
