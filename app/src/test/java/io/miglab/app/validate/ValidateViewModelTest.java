package io.miglab.app.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.app.FakeTargets;
import io.miglab.app.RecordingDialogs;
import io.miglab.app.targets.DatabaseChoice;
import io.miglab.app.task.SameThreadTaskRunner;
import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import io.miglab.core.ProgressListener;
import io.miglab.core.targets.TargetRole;
import io.miglab.core.validate.Check;
import io.miglab.core.validate.RowDifference;
import io.miglab.core.validate.SideBySide;
import io.miglab.core.validate.TableParity;
import io.miglab.core.validate.ValidationReport;
import io.miglab.core.validate.ValidationRequest;
import io.miglab.core.validate.Validations;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Validate step's view model against an in-memory validation. */
class ValidateViewModelTest {
    final FakeTargets targets = new FakeTargets()
            .with("lab", TargetRole.LAB, "postgres", "pagila")
            .with("old", TargetRole.LAB, "postgres", "pagila");
    final RecordingDialogs dialogs = new RecordingDialogs();
    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final SimpleStringProperty current = new SimpleStringProperty("lab");
    final DatabaseChoice choice = new DatabaseChoice(targets, runner, current);
    final List<ValidationRequest> asked = new ArrayList<>();
    ValidateViewModel model;

    static TableParity table(String name, long missing, long extra, long changed, RowDifference... keys) {
        boolean passed = missing + extra + changed == 0;
        return new TableParity(
                name,
                List.of("id"),
                List.of("id", "v"),
                100,
                100 - missing + extra,
                missing,
                extra,
                changed,
                List.of(keys),
                4,
                1,
                0.1,
                passed,
                List.of());
    }

    final List<List<List<String>>> rowsAsked = new ArrayList<>();

    final Validations validations = new Validations() {
        @Override
        public Validation validate(ValidationRequest request, ProgressListener progress, Cancellation cancellation) {
            return answer(request);
        }

        @Override
        public SideBySide sideBySide(
                String source,
                String sourceDatabase,
                String target,
                String targetDatabase,
                String table,
                List<List<String>> keys) {
            rowsAsked.add(keys);
            return new SideBySide(
                    table,
                    List.of("id"),
                    List.of("id", "v"),
                    List.of(
                            new SideBySide.RowPair(List.of("9"), null, List.of("9", "nine")),
                            new SideBySide.RowPair(List.of("5"), List.of("5", "five"), List.of("5", "FIVE"))));
        }
    };

    Validations.Validation answer(ValidationRequest request) {
        asked.add(request);
        if ("broken".equals(request.targetDatabase())) {
            throw new MigLabException("Cannot connect to old: connection refused.");
        }
        return new Validations.Validation(
                7,
                new ValidationReport(
                        request.source(),
                        request.sourceDatabase(),
                        "15.19",
                        request.target(),
                        request.targetDatabase(),
                        "16.15",
                        null,
                        List.of(
                                table("public.actor", 0, 0, 0),
                                table(
                                        "public.rental",
                                        0,
                                        1,
                                        1,
                                        new RowDifference(RowDifference.Kind.EXTRA, List.of("9")),
                                        new RowDifference(RowDifference.Kind.CHANGED, List.of("5")))),
                        List.of(new Check("parity", false, "1 of 2 table(s) differ", List.of(), 0)),
                        false,
                        false,
                        0.5));
    }

    @BeforeEach
    void setUp() {
        choice.refresh();
        choice.choose("pagila");
        model = new ValidateViewModel(validations, targets, choice, runner, dialogs, current, () -> {});
        model.refreshSources();
    }

    @Test
    void theSourceDefaultsToAnotherTargetAndTheDestinationIsTheChosenDatabaseOnTheCurrentOne() {
        assertThat(model.sources()).containsExactly("lab", "old");
        assertThat(model.sourceProperty().get()).isEqualTo("old");

        model.tablesProperty().set("rental, public.actor");
        model.validate();

        ValidationRequest r = asked.get(0);
        assertThat(r.source()).isEqualTo("old");
        assertThat(r.target()).isEqualTo("lab");
        assertThat(r.sourceDatabase()).isEqualTo("pagila");
        assertThat(r.targetDatabase()).isEqualTo("pagila");
        assertThat(r.tables()).containsExactly("rental", "public.actor");
    }

    @Test
    void tablesThatDifferComeFirstAndTheirKeysShowAtOnce() {
        model.validate();

        assertThat(model.tableRows()).extracting(TableParity::table).containsExactly("public.rental", "public.actor");
        assertThat(model.selectedTableProperty().get().table()).isEqualTo("public.rental");
        assertThat(model.differences()).extracting(RowDifference::keyText).containsExactly("9", "5");
        assertThat(model.summaryProperty().get())
                .startsWith("FAILED: lab/pagila (PostgreSQL 16.15) against old/pagila (PostgreSQL 15.19)")
                .contains("1 differ", "0 of 1 checks pass", "Experiment #7");

        model.selectedTableProperty().set(model.tableRows().get(1));
        assertThat(model.differences()).isEmpty();
    }

    @Test
    void aDifferingKeyShowsItsRowOnBothSidesWithTheChangedColumnsMarked() {
        model.validate();

        assertThat(rowsAsked).singleElement().isEqualTo(List.of(List.of("9"), List.of("5")));
        assertThat(model.selectedDifferenceProperty().get().keyText()).isEqualTo("9");
        assertThat(model.rowValues())
                .extracting(ValidateViewModel.ColumnValues::sourceText)
                .containsExactly("(no row)", "(no row)");
        assertThat(model.rowValues()).allMatch(ValidateViewModel.ColumnValues::differs);

        model.selectedDifferenceProperty().set(model.differences().get(1));
        assertThat(model.rowValues())
                .extracting(
                        v -> v.column() + ": " + v.sourceText() + " | " + v.targetText() + (v.differs() ? " *" : ""))
                .containsExactly("id: 5 | 5", "v: five | FIVE *");

        model.selectedTableProperty().set(model.tableRows().get(1));
        assertThat(model.rowValues()).isEmpty();
        assertThat(rowsAsked).hasSize(1); // a table that passed has no rows to fetch
    }

    @Test
    void theSameDatabaseOnBothSidesIsOneErrorAndAFailureIsShownInWords() {
        model.sourceProperty().set("lab");
        model.validate();
        assertThat(asked).isEmpty();
        assertThat(dialogs.errors).singleElement().asString().contains("same database");

        model.sourceProperty().set("old");
        choice.choose("broken");
        model.sourceDatabaseProperty().set("pagila");
        model.validate();
        assertThat(dialogs.errors)
                .last()
                .asString()
                .isEqualTo("Validation failed: Cannot connect to old: connection refused.");
        assertThat(model.runningProperty().get()).isFalse();
    }
}
