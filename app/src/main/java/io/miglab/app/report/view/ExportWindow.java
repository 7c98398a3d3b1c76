package io.miglab.app.report.view;

import io.miglab.app.report.ReportExportViewModel;
import io.miglab.app.shell.Theme;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** "Export for Jira" in a window of its own over the main one, so the page behind keeps its place; Esc closes it. */
public final class ExportWindow {
    private ExportWindow() {}

    public static Stage open(
            Window owner,
            Theme theme,
            String heading,
            ReportExportViewModel model,
            io.miglab.app.report.JiraSendViewModel jira) {
        Label title = new Label(heading);
        title.getStyleClass().add("title-3");
        VBox root = new VBox(12, title, new ReportExportView(model, jira).root());
        root.setPadding(new javafx.geometry.Insets(20, 24, 20, 24));
        root.getStyleClass().add("page-host");
        Scene scene = new Scene(root, 960, 760);
        theme.applyTo(scene);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle("MigLab: " + heading);
        stage.setScene(scene);
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                stage.close();
            }
        });
        stage.show();
        return stage;
    }
}
