package io.miglab.app.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.Scene;

/**
 * The look of the app: AtlantaFX Primer, light or dark, for the stock controls, plus MigLab's own stylesheet, which
 * uses only AtlantaFX's looked-up colours and so follows either.
 */
public enum Theme {
    LIGHT("Light"),
    DARK("Dark");

    /** The preference key the choice is remembered under. */
    public static final String PREFERENCE = "app.theme";

    private final String label;

    Theme(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** The theme a stored preference names; light for anything else. */
    public static Theme fromPreference(Optional<String> stored) {
        return stored.map(s -> s.trim().toUpperCase(Locale.ROOT))
                .filter(s -> s.equals(DARK.name()))
                .map(s -> DARK)
                .orElse(LIGHT);
    }

    public String preferenceValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Sets this theme application-wide and adds MigLab's stylesheet to {@code scene}. */
    public void applyTo(Scene scene) {
        Application.setUserAgentStylesheet(
                this == DARK ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        String ours = Objects.requireNonNull(Theme.class.getResource("/io/miglab/app/miglab.css"))
                .toExternalForm();
        if (!scene.getStylesheets().contains(ours)) {
            scene.getStylesheets().add(ours);
        }
        scene.getRoot().getStyleClass().removeAll("theme-light", "theme-dark");
        scene.getRoot().getStyleClass().add("theme-" + preferenceValue());
    }

    /** The light theme on {@code scene} (tests and the splash). */
    public static void apply(Scene scene) {
        LIGHT.applyTo(scene);
    }
}
