package io.miglab.app.widget;

import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** A form's grid: labels keep their words in the first column, fields take the rest of the width. */
public final class FormGrid {
    private FormGrid() {}

    public static GridPane create(double hgap, double vgap) {
        GridPane form = new GridPane();
        form.setHgap(hgap);
        form.setVgap(vgap);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        form.getColumnConstraints().addAll(labels, fields);
        return form;
    }
}
