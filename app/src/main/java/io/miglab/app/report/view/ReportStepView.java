package io.miglab.app.report.view;

import io.miglab.app.report.ReportStepViewModel;
import io.miglab.app.shell.PageActions;
import io.miglab.app.widget.FormFields;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Report step: tick the experiments (the latest of each kind is ticked), name the report, Build (Ctrl+Enter);
 * then the export panel below: preview, attachments, copy, save, send.
 */
public final class ReportStepView implements PageActions {
    private final ReportStepViewModel model;
    private final VBox root;
    private TextField title;

    public ReportStepView(ReportStepViewModel model, io.miglab.app.report.JiraSendViewModel jira) {
        this.model = model;
        ListView<ReportStepViewModel.Choice> list = new ListView<>(model.choices());
        list.setCellFactory(CheckBoxListCell.forListView(
                ReportStepViewModel.Choice::chosenProperty, new javafx.util.StringConverter<>() {
                    @Override
                    public String toString(ReportStepViewModel.Choice c) {
                        return c == null ? "" : c.label();
                    }

                    @Override
                    public ReportStepViewModel.Choice fromString(String s) {
                        return null;
                    }
                }));
        list.setPrefHeight(200);
        list.setPlaceholder(new Label("No experiment has succeeded yet: run the steps above, then come back."));
        list.getStyleClass().add("report-choices");
        title = FormFields.text(model.titleProperty(), "report title", 420);
        HBox.setHgrow(title, Priority.ALWAYS);
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refresh());
        Button build = new Button("Build report");
        build.getStyleClass().add("accent");
        build.setOnAction(e -> model.build());
        build.disableProperty().bind(model.export().runningProperty());
        HBox form = new HBox(10, FormFields.label("Title"), title, refresh, build);
        form.setAlignment(Pos.CENTER_LEFT);
        Label lead = new Label("One report of the experiments ticked, judged against the Goals step's thresholds:"
                + " the description for a Jira ticket (wiki markup for Server and Data Center, Atlassian Document"
                + " Format for Cloud) or Markdown, with charts, tables and evidence to attach.");
        lead.setWrapText(true);
        lead.getStyleClass().add("text-muted");
        Label hint = new Label("Ctrl+Enter builds. The latest experiment of each kind is ticked.");
        hint.getStyleClass().addAll("text-muted", "step-status");
        root = new VBox(12, lead, form, hint, list, new ReportExportView(model.export(), jira).root());
        model.refresh();
    }

    public Node root() {
        return root;
    }

    @Override
    public void runPrimaryAction() {
        model.build();
    }

    @Override
    public void focusFirst() {
        title.requestFocus();
    }
}
