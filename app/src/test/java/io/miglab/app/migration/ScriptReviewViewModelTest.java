package io.miglab.app.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeTargets;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.migration.lint.LintRule;
import io.miglab.core.migration.lint.ScriptLint;
import io.miglab.core.migration.lint.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Script review page's model without a target: the script's own findings, marked on their lines. */
class ScriptReviewViewModelTest {
    @TempDir
    Path dir;

    final RecordingDialogs dialogs = new RecordingDialogs();
    final SameThreadTaskRunner runner = new SameThreadTaskRunner();

    ScriptReviewViewModel model() {
        SimpleStringProperty current = new SimpleStringProperty(null);
        return new ScriptReviewViewModel(
                new ScriptLint(null), current, new DatabaseChoice(new FakeTargets(), runner, current), runner, dialogs);
    }

    @Test
    void aScriptOpensLintsAndMarksTheWorstFindingOfEachLine() throws Exception {
        Path script = Files.writeString(
                dir.resolve("release-42.sql"),
                "SET lock_timeout = '5s';\n"
                        + "ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);\n"
                        + "CREATE INDEX orders_placed ON orders (placed_at);\n");
        ScriptReviewViewModel model = model();
        dialogs.files.add(script);
        model.open();

        assertThat(dialogs.errors).isEmpty();
        assertThat(model.textProperty().get()).startsWith("SET lock_timeout");
        assertThat(model.findings())
                .extracting(f -> f.rule())
                .contains(LintRule.ALTER_COLUMN_TYPE, LintRule.CREATE_INDEX_CONCURRENTLY);
        assertThat(model.markedLines()).containsKeys(2, 3).doesNotContainKey(1);
        assertThat(model.summaryProperty().get()).contains("no target: table sizes and indexes not checked");
        // Without a target no table is sized: nothing is an error, findings are warnings at most.
        assertThat(model.markedLines().values()).doesNotContain(Severity.ERROR);
    }

    @Test
    void aScriptThatDoesNotLexIsOneErrorNamingItsLine() throws Exception {
        Path script = Files.writeString(dir.resolve("broken.sql"), "SELECT 1;\nDO $$ BEGIN\n");
        ScriptReviewViewModel model = model();
        model.open(script);
        assertThat(dialogs.errors)
                .singleElement()
                .asString()
                .contains("broken.sql")
                .contains(":2");
        assertThat(model.findings()).isEmpty();
        assertThat(model.summaryProperty().get()).startsWith("Not linted:");
    }
}
