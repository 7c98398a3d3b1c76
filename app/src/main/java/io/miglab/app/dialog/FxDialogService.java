package io.miglab.app.dialog;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
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
        if (message.length() > 300) {
            // Long questions carry SQL to read before saying yes: a wide box that keeps each statement on a line.
            TextArea text = new TextArea(message);
            text.setEditable(false);
            text.getStyleClass().add("mono");
            text.setWrapText(true);
            text.setPrefColumnCount(80);
            text.setPrefRowCount((int) Math.min(24, message.lines().count() + 1));
            alert.getDialogPane().setContent(text);
            alert.setResizable(true);
        }
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
        // Also a toast in the window's corner: a status-bar line alone is easy to miss after a long job.
        if (owner != null && owner.isShowing()) {
            org.controlsfx.control.Notifications.create()
                    .owner(owner)
                    .text(message)
                    .position(javafx.geometry.Pos.BOTTOM_RIGHT)
                    .hideAfter(Duration.seconds(5))
                    .show();
        }
    }

    @Override
    public Optional<String> input(String title, String prompt, String initial) {
        TextInputDialog dialog = new TextInputDialog(initial == null ? "" : initial);
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.setContentText(prompt);
        return dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    @Override
    public Optional<String> choose(String title, String prompt, List<String> choices, String initial) {
        javafx.scene.control.ChoiceDialog<String> dialog = new javafx.scene.control.ChoiceDialog<>(initial, choices);
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(title);
        dialog.setContentText(prompt);
        return dialog.showAndWait();
    }

    @Override
    public Optional<Path> openFile(String title, List<FileType> types) {
        FileChooser chooser = chooser(title, types);
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(java.io.File::toPath);
    }

    @Override
    public Optional<Path> saveFile(String title, String suggestedName, List<FileType> types) {
        FileChooser chooser = chooser(title, types);
        chooser.setInitialFileName(suggestedName);
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(java.io.File::toPath);
    }

    @Override
    public Optional<Path> openFolder(String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        return Optional.ofNullable(chooser.showDialog(owner)).map(java.io.File::toPath);
    }

    private static FileChooser chooser(String title, List<FileType> types) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        for (FileType type : types) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(type.description(), type.patterns()));
        }
        return chooser;
    }
}
