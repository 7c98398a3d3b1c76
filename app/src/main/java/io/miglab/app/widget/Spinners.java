package io.miglab.app.widget;

import javafx.beans.property.IntegerProperty;
import javafx.scene.control.Spinner;

/** Editable number spinners kept in step with a view model's property, both ways. */
public final class Spinners {
    private Spinners() {}

    public static Spinner<Integer> bound(int min, int max, IntegerProperty value) {
        Spinner<Integer> spinner = new Spinner<>(min, max, value.get());
        spinner.setEditable(true);
        spinner.setMaxWidth(Double.MAX_VALUE);
        spinner.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                value.set(now);
            }
        });
        value.addListener((obs, old, now) -> spinner.getValueFactory().setValue(now.intValue()));
        return spinner;
    }
}
