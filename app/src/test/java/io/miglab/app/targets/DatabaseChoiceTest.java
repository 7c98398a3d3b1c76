package io.miglab.app.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeTargets;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.targets.TargetRole;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;

class DatabaseChoiceTest {
    final FakeTargets targets = new FakeTargets()
            .with("lab", TargetRole.LAB, "postgres", "pagila", "pagila_s20")
            .with("prod", TargetRole.GUARDED, "app", "reporting");
    final SimpleStringProperty current = new SimpleStringProperty();
    final DatabaseChoice choice = new DatabaseChoice(targets, new SameThreadTaskRunner(), current);

    @Test
    void aTargetOpensOnItsOwnDatabaseUntilTheUserChoosesAnother() {
        current.set("lab");
        assertThat(choice.databases()).containsExactly("postgres", "pagila", "pagila_s20");
        assertThat(choice.selected()).isEqualTo("postgres");
        choice.choose("pagila_s20");
        assertThat(choice.selected()).isEqualTo("pagila_s20");
        assertThat(targets.remembered).containsEntry("lab", "pagila_s20");
    }

    @Test
    void switchingTargetsBringsBackTheDatabaseLastUsedOnEach() {
        current.set("lab");
        choice.choose("pagila");
        current.set("prod");
        assertThat(choice.selected()).as("prod's own, not lab's choice").isEqualTo("app");
        choice.choose("reporting");
        current.set("lab");
        assertThat(choice.selected()).isEqualTo("pagila");
        current.set("prod");
        assertThat(choice.selected()).isEqualTo("reporting");
    }

    @Test
    void aRefreshKeepsTheChoiceAndADatabaseJustCreatedCanBeChosen() {
        current.set("lab");
        choice.choose("pagila_s20");
        choice.refresh();
        assertThat(choice.selected()).isEqualTo("pagila_s20");
        choice.choose("pagila_s100");
        assertThat(choice.databases()).contains("pagila_s100");
        assertThat(choice.selected()).isEqualTo("pagila_s100");
    }

    @Test
    void anUnknownTargetLeavesAProblemAndNoChoice() {
        current.set("gone");
        assertThat(choice.databases()).isEmpty();
        assertThat(choice.problemProperty().get()).contains("There is no target named 'gone'");
    }
}
