package io.miglab.app.plan;

import io.miglab.core.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each node box of the graphical plan goes: a top-down tidy tree (leaves side by side, a parent centred over
 * its children). Plain numbers, so the view only draws and tests check the geometry without a display.
 *
 * @param boxes one per node, in pre-order
 * @param edges parent to child
 * @param width the drawing's width
 * @param height the drawing's height
 */
public record PlanLayout(List<Box> boxes, List<Edge> edges, double width, double height) {
    public static final double BOX_WIDTH = 260;
    /** The height of a card with only its title, rows, bar and value. */
    public static final double BOX_HEIGHT = 80;

    public static final double H_GAP = 24;
    public static final double V_GAP = 30;
    public static final double MARGIN = 16;

    public PlanLayout {
        boxes = List.copyOf(boxes);
        edges = List.copyOf(edges);
    }

    /** A node's box: top-left corner and size. */
    public record Box(int nodeId, double x, double y, double width, double height) {
        public boolean overlaps(Box other) {
            return x < other.x + other.width
                    && other.x < x + width
                    && y < other.y + other.height
                    && other.y < y + height;
        }
    }

    /** A line from the parent's bottom centre to the child's top centre. */
    public record Edge(int fromId, int toId, double x1, double y1, double x2, double y2, boolean subplan) {}

    public static PlanLayout of(PlanNode root) {
        return of(root, id -> BOX_HEIGHT);
    }

    /**
     * Cards as tall as {@code heights} says (a node with an index condition and a filter has more to show); the
     * cards of one level share the tallest height, so each level stays a straight row.
     */
    public static PlanLayout of(PlanNode root, java.util.function.IntToDoubleFunction heights) {
        List<Box> boxes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        double[] nextLeaf = {MARGIN};
        double[] maxY = {0};
        List<Double> levelHeights = new ArrayList<>();
        measure(root, 0, heights, levelHeights);
        double[] levelY = new double[levelHeights.size()];
        double y = MARGIN;
        for (int d = 0; d < levelY.length; d++) {
            levelY[d] = y;
            y += levelHeights.get(d) + V_GAP;
        }
        place(root, 0, nextLeaf, boxes, maxY, levelY, levelHeights);
        boxes.sort(java.util.Comparator.comparingInt(Box::nodeId));
        connect(root, boxes, edges);
        double width = boxes.stream().mapToDouble(b -> b.x() + b.width()).max().orElse(0) + MARGIN;
        return new PlanLayout(boxes, edges, width, maxY[0] + MARGIN);
    }

    private static void measure(
            PlanNode node, int depth, java.util.function.IntToDoubleFunction heights, List<Double> levels) {
        if (levels.size() <= depth) {
            levels.add(BOX_HEIGHT);
        }
        levels.set(depth, Math.max(levels.get(depth), heights.applyAsDouble(node.id())));
        for (PlanNode child : node.children()) {
            measure(child, depth + 1, heights, levels);
        }
    }

    /** Places the subtree and returns the centre x of its root. */
    private static double place(
            PlanNode node,
            int depth,
            double[] nextLeaf,
            List<Box> boxes,
            double[] maxY,
            double[] levelY,
            List<Double> levelHeights) {
        double y = levelY[depth];
        double height = levelHeights.get(depth);
        double centre;
        if (node.children().isEmpty()) {
            centre = nextLeaf[0] + BOX_WIDTH / 2;
            nextLeaf[0] += BOX_WIDTH + H_GAP;
        } else {
            double first = 0;
            double last = 0;
            for (int i = 0; i < node.children().size(); i++) {
                double c = place(node.children().get(i), depth + 1, nextLeaf, boxes, maxY, levelY, levelHeights);
                if (i == 0) {
                    first = c;
                }
                last = c;
            }
            centre = (first + last) / 2;
        }
        boxes.add(new Box(node.id(), centre - BOX_WIDTH / 2, y, BOX_WIDTH, height));
        maxY[0] = Math.max(maxY[0], y + height);
        return centre;
    }

    private static void connect(PlanNode node, List<Box> boxes, List<Edge> edges) {
        Box from = boxes.get(node.id() - 1);
        for (PlanNode child : node.children()) {
            Box to = boxes.get(child.id() - 1);
            edges.add(new Edge(
                    node.id(),
                    child.id(),
                    from.x() + from.width() / 2,
                    from.y() + from.height(),
                    to.x() + to.width() / 2,
                    to.y(),
                    child.isSubplanRoot()));
            connect(child, boxes, edges);
        }
    }

    public Box box(int nodeId) {
        return boxes.get(nodeId - 1);
    }
}
