package io.miglab.app.shell;

import atlantafx.base.theme.PrimerLight;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;

/** The look of the app: AtlantaFX Primer Light for the stock controls, plus MigLab's own stylesheet. */
public final class Theme {
    private Theme() {}

    /** Sets the application-wide base theme and adds MigLab's stylesheet to {@code scene}. */
    public static void apply(Scene scene) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        String ours = Objects.requireNonNull(Theme.class.getResource("/io/miglab/app/miglab.css"))
                .toExternalForm();
        if (!scene.getStylesheets().contains(ours)) {
            scene.getStylesheets().add(ours);
        }
    }
}
