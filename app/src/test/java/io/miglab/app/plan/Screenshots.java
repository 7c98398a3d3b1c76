package io.miglab.app.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javax.imageio.ImageIO;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Writes the window's scene as a PNG to the folder in {@code miglab.screenshots} (default target/screenshots). */
final class Screenshots {
    private Screenshots() {}

    static Path write(FxRobot robot, String name) {
        String folder = System.getProperty("miglab.screenshots");
        Path dir = Path.of(folder == null ? "target/screenshots" : folder);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        Node root = robot.window(0).getScene().getRoot();
        Path file = dir.resolve(name);
        robot.interact(() -> {
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(root.snapshot(null, null), null), "png", file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return file;
    }
}
