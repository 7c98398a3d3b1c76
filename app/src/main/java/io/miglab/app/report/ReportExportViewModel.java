package io.miglab.app.report;

import io.miglab.app.dialog.DialogService;
import io.miglab.app.task.Errors;
import io.miglab.app.task.PageJob;
import io.miglab.app.task.TaskRunner;
import io.miglab.core.report.ChartRenderer;
import io.miglab.core.report.Report;
import io.miglab.core.report.ReportBundle;
import io.miglab.core.report.ReportFormat;
import io.miglab.core.report.ReportRequest;
import io.miglab.core.report.ReportService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Export for Jira" on a report of experiments and comparisons: the description previewed as Jira wiki markup or
 * Markdown, a checklist of what goes with it (charts, tables as CSV, the plan, the raw samples), copy either text to
 * the clipboard, save the chosen files as a zip bundle, or hand them to Jira. The report is built once, in the
 * background; every output comes from the same model.
 */
public final class ReportExportViewModel {
    /** Formats the preview offers: the two a ticket's description is pasted in. */
    public static final List<ReportFormat> PREVIEW_FORMATS = List.of(ReportFormat.JIRA, ReportFormat.MD);

    static final List<DialogService.FileType> ZIPS =
            List.of(DialogService.FileType.of("Zip files (*.zip)", "*.zip"), DialogService.FileType.ALL);

    private final ReportService reports;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final Consumer<String> clipboard;
    private final ChartRenderer charts = new ChartRenderer();

    private final PageJob job = new PageJob();
    private final ReadOnlyObjectWrapper<Prepared> prepared = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<ReportFormat> previewFormat = new SimpleObjectProperty<>(ReportFormat.JIRA);
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObservableList<Attachment> attachments = FXCollections.observableArrayList();

    /** @param clipboard puts text on the system clipboard (the view passes JavaFX's; tests a list) */
    public ReportExportViewModel(
            ReportService reports, TaskRunner runner, DialogService dialogs, Consumer<String> clipboard) {
        this.reports = reports;
        this.runner = runner;
        this.dialogs = dialogs;
        this.clipboard = clipboard;
        previewFormat.addListener((obs, old, now) -> showPreview());
    }

    /** What the report made: the model, the two description texts and the bundle's files. */
    public record Prepared(Report report, String wiki, String markdown, List<ReportBundle.Entry> files) {
        public Prepared {
            files = List.copyOf(files);
        }
    }

    /** A file that can go with the ticket; descriptions and charts are chosen at first, bulky raw data is not. */
    public static final class Attachment {
        private final ReportBundle.Entry entry;
        private final BooleanProperty chosen;

        Attachment(ReportBundle.Entry entry) {
            this.entry = entry;
            this.chosen =
                    new SimpleBooleanProperty(!entry.name().startsWith("30-") || entry.content().length < 256 * 1024);
        }

        public ReportBundle.Entry entry() {
            return entry;
        }

        public BooleanProperty chosenProperty() {
            return chosen;
        }

        public String label() {
            return entry.name() + "  (" + io.miglab.core.units.Sizes.format(entry.content().length) + ")  "
                    + entry.description();
        }
    }

    /** Builds the report in the background, then shows its preview and files. */
    public void prepare(ReportRequest request) {
        prepare(() -> request);
    }

    /** As {@link #prepare(ReportRequest)}, the request made in the background too (it may read the ledger). */
    public void prepare(java.util.function.Supplier<ReportRequest> request) {
        prepared.set(null);
        preview.set("");
        attachments.clear();
        job.submit(
                runner,
                "Building the report",
                (progress, cancellation) -> {
                    Report report = reports.build(request.get());
                    return new Prepared(
                            report,
                            ReportFormat.JIRA.renderer(charts).render(report),
                            ReportFormat.MD.renderer(charts).render(report),
                            new ReportBundle(charts).entries(report));
                },
                p -> {
                    attachments.setAll(p.files().stream()
                            .filter(e -> !e.name().equals(ReportBundle.MANIFEST))
                            .map(Attachment::new)
                            .toList());
                    preview.set(previewFormat.get() == ReportFormat.MD ? p.markdown() : p.wiki());
                    status.set(p.report().sections().size() + " section(s), " + attachments.size()
                            + " file(s) to attach.");
                    // Last: whoever waits for the report finds its preview and files already there.
                    prepared.set(p);
                },
                error -> {
                    status.set("The report could not be built: " + Errors.userMessage(error));
                    dialogs.showError("Export for Jira", Errors.userMessage(error));
                });
    }

    private void showPreview() {
        Prepared p = prepared.get();
        if (p != null) {
            preview.set(previewFormat.get() == ReportFormat.MD ? p.markdown() : p.wiki());
        }
    }

    /** Copies the description in {@code format} (Jira wiki markup or Markdown). */
    public void copy(ReportFormat format) {
        Prepared p = prepared.get();
        if (p == null) {
            return;
        }
        clipboard.accept(format == ReportFormat.MD ? p.markdown() : p.wiki());
        status.set((format == ReportFormat.MD ? "Markdown" : "Jira wiki markup")
                + " copied: paste it into the ticket's description (in Jira's text mode for wiki markup).");
    }

    /** The checked files, with a manifest listing just them. */
    public List<ReportBundle.Entry> chosenFiles() {
        Prepared p = prepared.get();
        if (p == null) {
            return List.of();
        }
        Set<String> names = attachments.stream()
                .filter(a -> a.chosenProperty().get())
                .map(a -> a.entry().name())
                .collect(Collectors.toSet());
        return ReportBundle.only(p.report(), p.files(), names::contains);
    }

    /** Asks where, then writes the checked files and their manifest as one zip. */
    public void saveBundle() {
        Prepared p = prepared.get();
        if (p == null) {
            return;
        }
        dialogs.saveFile("Save the report bundle", ReportBundle.slug(p.report().title()) + ".zip", ZIPS)
                .ifPresent(this::saveBundle);
    }

    public void saveBundle(Path zip) {
        List<ReportBundle.Entry> files = chosenFiles();
        job.submit(
                runner,
                "Saving " + zip.getFileName(),
                (progress, cancellation) -> {
                    ReportBundle.writeZip(files, zip);
                    return zip;
                },
                written -> status.set("Saved " + files.size() + " file(s) in " + written + "."),
                error -> dialogs.showError("Export for Jira", Errors.userMessage(error)));
    }

    /** The kinds of the experiments the report covers (its sections'), for the labels. */
    public List<String> reportedKinds() {
        Prepared p = prepared.get();
        return p == null ? List.of() : io.miglab.core.report.jira.ReportDrafts.kinds(p.report());
    }

    /** The description in Atlassian Document Format, for Jira Cloud. */
    public String adf() {
        Prepared p = prepared.get();
        return p == null
                ? ""
                : new String(
                        p.files().stream()
                                .filter(e -> e.name().endsWith(".adf.json"))
                                .findFirst()
                                .map(ReportBundle.Entry::content)
                                .orElse(new byte[0]),
                        StandardCharsets.UTF_8);
    }

    public ObjectProperty<ReportFormat> previewFormatProperty() {
        return previewFormat;
    }

    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ObservableList<Attachment> attachments() {
        return attachments;
    }

    public ReadOnlyObjectProperty<Prepared> preparedProperty() {
        return prepared.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return job.runningProperty();
    }

    public javafx.beans.property.ReadOnlyStringProperty messageProperty() {
        return job.messageProperty();
    }

    public javafx.beans.property.ReadOnlyDoubleProperty progressProperty() {
        return job.progressProperty();
    }

    void setStatus(String text) {
        status.set(text);
    }

    DialogService dialogs() {
        return dialogs;
    }

    TaskRunner runner() {
        return runner;
    }
}
