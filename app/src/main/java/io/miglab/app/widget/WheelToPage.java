package io.miglab.app.widget;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.ScrollEvent;

/**
 * Lets the mouse wheel scroll the page when it is over a table or list inside the page's scroll pane: the control
 * keeps the wheel only while it can itself scroll further that way, as a browser does with a scrollable box. Without
 * it a table that shows all its rows still swallows the wheel, and the page seems stuck under the pointer.
 */
public final class WheelToPage {
    private WheelToPage() {}

    /** Installs the rule on {@code control} (a TableView, ListView or TreeTableView). */
    public static <T extends Node> T install(T control) {
        control.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() == 0) {
                return;
            }
            ScrollBar bar = verticalBar(control);
            boolean canScroll = bar != null
                    && bar.isVisible()
                    && bar.getMax() > bar.getMin()
                    && (e.getDeltaY() > 0 ? bar.getValue() > bar.getMin() : bar.getValue() < bar.getMax());
            if (canScroll) {
                return;
            }
            ScrollPane page = enclosingScrollPane(control);
            if (page == null || page.getContent() == null) {
                return;
            }
            double content = page.getContent().getBoundsInLocal().getHeight();
            double viewport = page.getViewportBounds().getHeight();
            if (content > viewport) {
                double range = page.getVmax() - page.getVmin();
                double next = page.getVvalue() - e.getDeltaY() / (content - viewport) * range;
                page.setVvalue(Math.max(page.getVmin(), Math.min(page.getVmax(), next)));
            }
            e.consume();
        });
        return control;
    }

    private static ScrollBar verticalBar(Node control) {
        for (Node n : control.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                return bar;
            }
        }
        return null;
    }

    private static ScrollPane enclosingScrollPane(Node control) {
        for (Parent p = control.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane pane) {
                return pane;
            }
        }
        return null;
    }
}
