package io.miglab.app.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeLabInstances;
import io.miglab.app.FakeTargets;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.targets.TargetRole;
import org.junit.jupiter.api.Test;

/** The add-target form against in-memory targets. */
class AddTargetFormTest {
    FakeTargets targets = new FakeTargets();
    RecordingDialogs dialogs = new RecordingDialogs();
    TargetsViewModel model = new TargetsViewModel(targets, new FakeLabInstances(), new SameThreadTaskRunner(), dialogs);
    AddTargetForm form = model.addForm();

    @Test
    void theTypedPasswordGoesToTheTestOnlyAndSaveFollowsAPassedTest() {
        model.openAddForm();
        form.nameProperty().set("shop");
        form.urlProperty().set("jdbc:postgresql://db.internal:5432/shop?user=app");
        form.passwordProperty().set("typed");
        assertThat(form.validProperty().get()).isTrue();
        assertThat(form.canSaveProperty().get()).isFalse();

        form.test();
        assertThat(targets.triedPasswords).containsExactly("typed");
        assertThat(form.canSaveProperty().get()).isTrue();
        form.roleProperty().set(TargetRole.LAB);
        assertThat(form.canSaveProperty().get())
                .as("another kind needs another test")
                .isFalse();
        form.roleProperty().set(TargetRole.GUARDED);

        form.save();
        assertThat(targets.get("shop").connection().jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.internal:5432/shop?user=app&sslmode=prefer");
        assertThat(model.addFormOpenProperty().get()).isFalse();
        assertThat(form.passwordProperty().get()).isEmpty();
        assertThat(dialogs.notices).anyMatch(n -> n.contains("Target 'shop' added, read-only"));
        assertThat(model.lastTestProperty().get().targetName()).isEqualTo("shop");
    }

    @Test
    void aFailedTestKeepsSaveOffButSaveWithoutTestStillWorks() {
        form.nameProperty().set("far");
        form.hostProperty().set("unreachable.invalid");
        form.databaseProperty().set("app");
        assertThat(form.urlProperty().get()).isEqualTo("jdbc:postgresql://unreachable.invalid:5432/app?sslmode=prefer");

        form.test();
        assertThat(form.testResultProperty().get().ok()).isFalse();
        assertThat(form.canSaveProperty().get()).isFalse();

        form.saveWithoutTest();
        assertThat(targets.find("far")).isPresent();
    }

    @Test
    void eachBadPartGetsItsOwnMessage() {
        form.hostProperty().set("no such host");
        form.portProperty().set("0");
        form.databaseProperty().set("x".repeat(70));
        assertThat(form.hostErrorProperty().get()).contains("is not a host name");
        assertThat(form.portErrorProperty().get()).isEqualTo("Port 0 is out of range (1-65535).");
        assertThat(form.databaseErrorProperty().get()).contains("70 bytes long");
        assertThat(form.validProperty().get()).isFalse();

        form.urlProperty().set("http://example.com");
        assertThat(form.urlErrorProperty().get()).contains("is not a PostgreSQL URL");
    }
}
