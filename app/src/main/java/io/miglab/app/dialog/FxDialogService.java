package io.miglab.app.dialog;

import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.stage.Window;
import javafx.util.Duration;

/** Dialogs as JavaFX alerts; notifications as a status-bar message that fades after a few seconds. */
public final class FxDialogService implements DialogService {
    private final Window owner;
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final PauseTransition clear = new PauseTransition(Duration.seconds(6));

    public FxDialogService(Window owner) {
        this.owner = owner;
        clear.setOnFinished(e -> notice.set(""));
    }

    /** The latest notification, for the status bar; empty when there is none. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    @Override
    public boolean confirm(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, ButtonType.OK, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        return alert.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    @Override
    public void showError(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        if (message.length() > 300) {
            TextArea text = new TextArea(message);
            text.setEditable(false);
            text.setWrapText(true);
            alert.getDialogPane().setContent(text);
        } else {
            alert.setContentText(message);
        }
        alert.show();
    }

    @Override
    public void notify(String message) {
        notice.set(message);
        clear.playFromStart();
    }
}
