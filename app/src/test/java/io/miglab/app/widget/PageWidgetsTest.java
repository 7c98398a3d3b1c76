package io.miglab.app.widget;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The job bar keeps its place, and a table inside a page hands the wheel to the page. */
@ExtendWith(ApplicationExtension.class)
class PageWidgetsTest {
    final SimpleBooleanProperty running = new SimpleBooleanProperty(false);
    final SimpleDoubleProperty progress = new SimpleDoubleProperty(-1);
    Node bar;
    Region below;
    ScrollPane page;
    TableView<String> table;
    Button elsewhere;

    @Start
    void start(Stage stage) {
        bar = PageJobBar.row(running, progress, new SimpleStringProperty("Working"), () -> {}, "Ctrl+Enter starts");
        below = new Region();
        below.setPrefHeight(1500);
        table = WheelToPage.install(new TableView<>(
                javafx.collections.FXCollections.observableArrayList(java.util.stream.IntStream.range(0, 200)
                        .mapToObj(i -> "row " + i)
                        .toList())));
        javafx.scene.control.TableColumn<String, String> column = new javafx.scene.control.TableColumn<>("Row");
        column.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(c.getValue()));
        table.getColumns().add(column);
        table.setPrefHeight(200);
        elsewhere = new Button("Elsewhere");
        page = new ScrollPane(new VBox(10, elsewhere, bar, table, below));
        page.setFitToWidth(true);
        stage.setScene(new Scene(page, 600, 400));
        stage.show();
    }

    @Test
    void whatIsBelowTheJobBarDoesNotMoveWhenAJobStartsOrEnds(FxRobot robot) {
        double idle = table.localToScene(0, 0).getY();
        robot.interact(() -> running.set(true));
        robot.interact(() -> page.layout());
        assertThat(table.localToScene(0, 0).getY()).isEqualTo(idle);
        robot.interact(() -> running.set(false));
        robot.interact(() -> page.layout());
        assertThat(table.localToScene(0, 0).getY()).isEqualTo(idle);
    }

    @Test
    void cancelGoesOnceTheWorkReportsComplete(FxRobot robot) {
        robot.interact(() -> running.set(true));
        Button cancel = robot.from(bar).lookup(".button").queryButton();
        assertThat(cancel.isVisible()).isTrue();
        robot.interact(() -> progress.set(1));
        assertThat(cancel.isVisible()).isFalse();
    }

    @Test
    void theWheelOverATableTheUserHasNotClickedIntoScrollsThePageNotTheTable(FxRobot robot) {
        javafx.scene.control.ScrollBar tableBar = verticalBar();
        robot.interact(elsewhere::requestFocus);
        assertThat(WheelToPage.hasFocus(table)).isFalse();
        assertThat(page.getVvalue()).isZero();

        robot.interact(() -> Event.fireEvent(table.lookup(".table-row-cell"), wheelDown()));

        assertThat(page.getVvalue()).isPositive();
        assertThat(tableBar.getValue()).isZero();
    }

    @Test
    void aFocusedTableScrollsItselfFirst(FxRobot robot) {
        javafx.scene.control.ScrollBar tableBar = verticalBar();
        robot.interact(table::requestFocus);
        assertThat(WheelToPage.hasFocus(table)).isTrue();

        robot.interact(() -> Event.fireEvent(table.lookup(".table-row-cell"), wheelDown()));

        assertThat(tableBar.getValue()).isPositive();
        assertThat(page.getVvalue()).isZero();
    }

    private javafx.scene.control.ScrollBar verticalBar() {
        return table.lookupAll(".scroll-bar").stream()
                .filter(n -> n instanceof javafx.scene.control.ScrollBar b
                        && b.getOrientation() == javafx.geometry.Orientation.VERTICAL)
                .map(n -> (javafx.scene.control.ScrollBar) n)
                .findFirst()
                .orElseThrow();
    }

    private static ScrollEvent wheelDown() {
        return new ScrollEvent(
                ScrollEvent.SCROLL,
                10,
                10,
                10,
                10,
                false,
                false,
                false,
                false,
                false,
                false,
                0,
                -120,
                0,
                -120,
                ScrollEvent.HorizontalTextScrollUnits.NONE,
                0,
                ScrollEvent.VerticalTextScrollUnits.NONE,
                0,
                0,
                null);
    }
}
