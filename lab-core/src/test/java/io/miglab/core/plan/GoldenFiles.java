package io.miglab.core.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The update mode of the golden files. {@code -Dmiglab.updateGoldens=true} rewrites the expected files from what the
 * code computes now, and the run then fails, listing them: an update is a change to review, never a pass (a CI run
 * with the property set is red).
 */
final class GoldenFiles {
    static final String UPDATE_PROPERTY = "miglab.updateGoldens";

    private GoldenFiles() {}

    static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    /** Writes {@code text} to {@code file} when it differs from what is there; returns whether it wrote. */
    static boolean rewrite(Path file, String text) throws IOException {
        if (Files.exists(file) && Files.readString(file).equals(text)) {
            return false;
        }
        Files.writeString(file, text);
        return true;
    }

    /** The failure an update run always ends with, naming the files it rewrote. */
    static String updateRunFailure(List<String> rewritten) {
        if (rewritten.isEmpty()) {
            return "-D" + UPDATE_PROPERTY + "=true is set: every expected file was already up to date, none"
                    + " rewritten. Run without the property to check the golden files.";
        }
        return "-D" + UPDATE_PROPERTY + "=true rewrote " + rewritten.size() + " expected file(s); review the diff,"
                + " then run without the property:\n  " + String.join("\n  ", rewritten);
    }
}
