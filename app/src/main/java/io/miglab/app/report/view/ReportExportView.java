package io.miglab.app.report.view;

import io.miglab.app.report.ReportExportViewModel;
import io.miglab.app.widget.PageJobBar;
import io.miglab.core.report.ReportFormat;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The export panel: the description as it will read in the ticket (Jira wiki markup or Markdown), the files to
 * attach with a check box each, and the actions: copy, save the bundle, send to Jira.
 */
public final class ReportExportView {
    private final VBox root;

    public ReportExportView(ReportExportViewModel model, io.miglab.app.report.JiraSendViewModel jira) {
        ToggleGroup formats = new ToggleGroup();
        HBox segmented = new HBox();
        segmented.getStyleClass().add("segmented");
        for (ReportFormat f : ReportExportViewModel.PREVIEW_FORMATS) {
            ToggleButton b = new ToggleButton(f == ReportFormat.MD ? "Markdown" : "Jira wiki markup");
            b.getStyleClass().add("segment");
            b.setToggleGroup(formats);
            b.setUserData(f);
            b.setSelected(model.previewFormatProperty().get() == f);
            segmented.getChildren().add(b);
        }
        formats.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one format is always shown
            } else {
                model.previewFormatProperty().set((ReportFormat) now.getUserData());
            }
        });
        TextArea preview = new TextArea();
        preview.textProperty().bind(model.previewProperty());
        preview.setEditable(false);
        preview.setWrapText(false);
        preview.getStyleClass().addAll("mono", "report-preview");
        preview.setPrefRowCount(18);
        VBox.setVgrow(preview, Priority.ALWAYS);
        preview.setPromptText("The report's description shows here once it is built.");

        ListView<ReportExportViewModel.Attachment> files = new ListView<>(model.attachments());
        files.setCellFactory(CheckBoxListCell.forListView(
                ReportExportViewModel.Attachment::chosenProperty, new javafx.util.StringConverter<>() {
                    @Override
                    public String toString(ReportExportViewModel.Attachment a) {
                        return a == null ? "" : a.label();
                    }

                    @Override
                    public ReportExportViewModel.Attachment fromString(String s) {
                        return null;
                    }
                }));
        files.setPrefHeight(170);
        files.getStyleClass().add("report-attachments");
        files.setPlaceholder(new Label("No files yet."));

        Button copyWiki = new Button("Copy Jira wiki markup");
        copyWiki.getStyleClass().add("accent");
        copyWiki.setOnAction(e -> model.copy(ReportFormat.JIRA));
        Button copyMarkdown = new Button("Copy Markdown");
        copyMarkdown.setOnAction(e -> model.copy(ReportFormat.MD));
        Button save = new Button("Save bundle\u2026");
        save.setOnAction(e -> model.saveBundle());
        Button send = new Button("Send to Jira\u2026");
        send.setOnAction(e -> jira.send());
        for (Button b : new Button[] {copyWiki, copyMarkdown, save, send}) {
            b.disableProperty().bind(model.preparedProperty().isNull().or(model.runningProperty()));
        }
        send.disableProperty().unbind();
        send.disableProperty()
                .bind(model.preparedProperty()
                        .isNull()
                        .or(model.runningProperty())
                        .or(jira.runningProperty()));
        javafx.scene.control.TextField site =
                io.miglab.app.widget.FormFields.text(jira.urlProperty(), "https://your-site.atlassian.net", 260);
        javafx.scene.control.TextField where =
                io.miglab.app.widget.FormFields.text(jira.whereProperty(), "project MIG or issue MIG-12", 190);
        javafx.scene.control.ComboBox<String> flavour = new javafx.scene.control.ComboBox<>(
                javafx.collections.FXCollections.observableArrayList("auto", "cloud", "dc"));
        flavour.valueProperty().bindBidirectional(jira.flavourProperty());
        flavour.setTooltip(new javafx.scene.control.Tooltip(
                "Cloud takes the Atlassian Document (REST v3), Data Center the wiki markup (REST v2); auto: by the"
                        + " site's name"));
        HBox actions = new HBox(10, copyWiki, copyMarkdown, save);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox jiraRow = new HBox(
                10,
                io.miglab.app.widget.FormFields.label("Jira"),
                site,
                flavour,
                io.miglab.app.widget.FormFields.label("into"),
                where,
                send);
        jiraRow.setAlignment(Pos.CENTER_LEFT);
        Label jiraStatus = new Label();
        jiraStatus.textProperty().bind(jira.statusProperty());
        jiraStatus.getStyleClass().add("text-muted");
        Label tokenHint = new Label("The token comes from MIGLAB_JIRA_TOKEN (with MIGLAB_JIRA_EMAIL on Cloud) or the"
                + " OS secret store, never from MigLab's files. Send shows every request before anything goes.");
        tokenHint.getStyleClass().addAll("text-muted", "step-status");
        tokenHint.setWrapText(true);
        jira.load();
        Label status = new Label();
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        status.getStyleClass().add("text-muted");
        Label descriptionHeading = new Label("Description");
        descriptionHeading.getStyleClass().add("section-heading");
        HBox previewBar = new HBox(12, descriptionHeading, segmented);
        previewBar.setAlignment(Pos.CENTER_LEFT);
        Label filesHeading = new Label("Attachments");
        filesHeading.getStyleClass().add("section-heading");
        root = new VBox(
                10,
                PageJobBar.row(model.runningProperty(), model.progressProperty(), model.messageProperty(), () -> {}),
                previewBar,
                preview,
                filesHeading,
                files,
                actions,
                status,
                jiraRow,
                tokenHint,
                jiraStatus);
        root.getStyleClass().add("report-export");
    }

    public Node root() {
        return root;
    }

    /** Puts text on the system clipboard, as the export's copy buttons do. */
    public static void toClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
