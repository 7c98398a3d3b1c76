package io.miglab.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.goals.MigrationGoals;
import io.miglab.core.ledger.ExperimentRun;
import io.miglab.core.ledger.Ledger;
import io.miglab.core.ledger.TargetFingerprint;
import io.miglab.core.migrate.LoaderKind;
import io.miglab.core.migrate.LoaderSettings;
import io.miglab.core.migrate.Loaders;
import io.miglab.core.report.ReportBundle;
import io.miglab.core.report.ReportFormat;
import io.miglab.core.report.ReportRequest;
import io.miglab.core.report.ReportService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export for Jira on a real ledger holding a loader matrix whose title reads like markup. */
class ReportExportViewModelTest {
    static final String TITLE = "Loaders for orders_2026 {code} | *fast*";

    @TempDir
    Path dir;

    Ledger ledger;
    long matrix;
    final RecordingDialogs dialogs = new RecordingDialogs();
    final List<String> clipboard = new ArrayList<>();

    @BeforeEach
    void record() {
        ledger = Ledger.open(dir.resolve("ledger.db"));
        matrix = loaderMatrix(ledger, TITLE);
    }

    /** A loader matrix experiment: two loaders, a throughput chart, a table, its matrix.json. */
    static long loaderMatrix(Ledger ledger, String title) {
        Loaders.Matrix m = new Loaders.Matrix(
                0,
                List.of(
                        new Loaders.MatrixRow(
                                LoaderSettings.of(LoaderKind.COPY_BINARY),
                                List.of(2.0, 2.2),
                                2.1,
                                100_000,
                                12.5,
                                List.of(2L, 3L),
                                null),
                        new Loaders.MatrixRow(
                                LoaderSettings.of(LoaderKind.INSERT_BATCH),
                                List.of(6.0, 6.4),
                                6.2,
                                33_870.968,
                                4.2,
                                List.of(4L, 5L),
                                null)),
                2.95,
                2.7,
                3.2);
        try (ExperimentRun run = ledger.begin(Loaders.MATRIX_KIND, title, TargetFingerprint.NONE, null)) {
            run.attachJson("matrix.json", m);
            run.measure("best seconds", 2.1, "s");
            run.succeed();
            return run.id();
        }
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    ReportExportViewModel model() {
        return new ReportExportViewModel(
                new ReportService(ledger), new SameThreadTaskRunner(), dialogs, clipboard::add);
    }

    @Test
    void thePreviewReadsAsTheTicketWillAndCopiesEitherFormat() {
        ReportExportViewModel model = model();
        model.prepare(ReportRequest.of(List.of(matrix)));

        assertThat(dialogs.errors).isEmpty();
        // Jira wiki markup first: its header cells are ||, and the title's markup-like text is escaped, not lost.
        assertThat(model.previewProperty().get()).contains("||").contains("orders\\_2026 \\{code\\} \\| \\*fast\\*");
        String wiki = model.previewProperty().get();
        model.previewFormatProperty().set(ReportFormat.MD);
        assertThat(model.previewProperty().get()).isNotEqualTo(wiki).contains("| ---");
        model.copy(ReportFormat.JIRA);
        model.copy(ReportFormat.MD);
        assertThat(clipboard).containsExactly(wiki, model.previewProperty().get());
        assertThat(model.statusProperty().get()).startsWith("Markdown copied");
        assertThat(model.adf()).contains("\"type\" : \"doc\"").contains("\"version\" : 1");
    }

    @Test
    void theBundleHoldsOnlyTheTickedFilesAndItsManifestListsThem() throws Exception {
        ReportExportViewModel model = model();
        model.prepare(new ReportRequest(List.of(matrix), List.of(), "Loader matrix", MigrationGoals.none()));
        assertThat(model.attachments())
                .extracting(a -> a.entry().name())
                .anyMatch(n -> n.endsWith(".png"))
                .anyMatch(n -> n.endsWith(".csv"))
                .noneMatch(n -> n.equals(ReportBundle.MANIFEST));
        ReportExportViewModel.Attachment chart = model.attachments().stream()
                .filter(a -> a.entry().name().endsWith(".png"))
                .findFirst()
                .orElseThrow();
        chart.chosenProperty().set(false);
        Path zip = dir.resolve("out/loader-matrix.zip");
        dialogs.files.add(zip);
        model.saveBundle();

        List<String> names = new ArrayList<>();
        String manifest;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            z.stream().forEach(e -> names.add(e.getName()));
            manifest = new String(
                    z.getInputStream(z.getEntry(ReportBundle.MANIFEST)).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(names)
                .doesNotContain(chart.entry().name())
                .contains(ReportBundle.MANIFEST)
                .hasSize(model.attachments().size());
        assertThat(manifest).doesNotContain(chart.entry().name()).contains(names.get(0));
        assertThat(model.statusProperty().get()).startsWith("Saved " + names.size() + " file(s)");
    }

    @Test
    void anUnknownExperimentIsOneErrorAndNothingToCopy() {
        ReportExportViewModel model = model();
        model.prepare(ReportRequest.of(List.of(matrix + 99)));
        assertThat(dialogs.errors).singleElement().asString().contains(Long.toString(matrix + 99));
        model.copy(ReportFormat.JIRA);
        assertThat(clipboard).isEmpty();
        assertThat(model.attachments()).isEmpty();
    }
}
