package io.miglab.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;

/** Writes a PNG of the test window to the folder in {@code miglab.screenshots} (app/target/screenshots by default). */
public final class ViewScreenshots {
    private ViewScreenshots() {}

    public static Path write(FxRobot robot, String name) {
        return write(robot, robot.window(0), name);
    }

    /** A picture of {@code window}'s scene (a dialog or a second window). */
    public static Path write(FxRobot robot, javafx.stage.Window window, String name) {
        String folder = System.getProperty("miglab.screenshots", "target/screenshots");
        Path file = Path.of(folder).resolve(name);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        Node root = window.getScene().getRoot();
        robot.interact(() -> {
            try {
                Files.createDirectories(file.getParent());
                ImageIO.write(SwingFXUtils.fromFXImage(root.snapshot(null, null), null), "png", file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return file;
    }

    /** Resizes the test window's scene to {@code width} x {@code height}. */
    public static void resize(FxRobot robot, double width, double height) {
        robot.interact(() -> {
            javafx.stage.Window window = robot.window(0);
            window.setWidth(width);
            window.setHeight(height);
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }
}
