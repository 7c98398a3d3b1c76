package io.miglab.app.widget;

import javafx.beans.property.StringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;

/** The small pieces of a form row: a text field bound to a property, and a label that never wraps or shrinks. */
public final class FormFields {
    private FormFields() {}

    public static TextField text(StringProperty value, String prompt, double width) {
        TextField f = new TextField();
        f.textProperty().bindBidirectional(value);
        f.setPromptText(prompt);
        f.setPrefWidth(width);
        return f;
    }

    public static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }
}
