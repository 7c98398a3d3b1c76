package io.miglab.app.widget;

import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.ScrollEvent;

/**
 * Lets the mouse wheel scroll the page when it is over a table or list inside the page's scroll pane. A table the
 * user has not clicked into passes the wheel to the page, so scrolling down a page never gets stuck in the first
 * table that passes under the pointer (a page scrolling twice); once the table has the focus it scrolls itself,
 * and hands the wheel back to the page at its top and bottom.
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
            boolean canScroll = hasFocus(control)
                    && bar != null
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

    /** Whether the keyboard focus is on {@code control} or inside it (the user clicked into it). */
    static boolean hasFocus(Node control) {
        Node owner = control.getScene() == null ? null : control.getScene().getFocusOwner();
        for (Node n = owner; n != null; n = n.getParent()) {
            if (n == control) {
                return true;
            }
        }
        return false;
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
