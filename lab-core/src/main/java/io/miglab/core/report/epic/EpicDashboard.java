package io.miglab.core.report.epic;

import java.util.ArrayList;
import java.util.List;

/**
 * How far the epic has come: stories done of all stories and story points done of all points, per phase and
 * overall. A story counts as done only with the status Done; cancelled stories still count in the totals, so
 * dropping work never makes the epic look further along.
 */
public record EpicDashboard(List<Progress> phases, Progress overall) {

    /** One line of the dashboard. */
    public record Progress(String name, int storiesDone, int storiesTotal, int pointsDone, int pointsTotal) {
        /** Points done as a whole percentage of all points; 0 when there are none. */
        public int percentDone() {
            return pointsTotal == 0 ? 0 : (int) Math.floor(100.0 * pointsDone / pointsTotal);
        }
    }

    public EpicDashboard {
        phases = List.copyOf(phases);
    }

    public static EpicDashboard of(Epic epic) {
        List<Progress> rows = new ArrayList<>();
        for (Phase p : epic.phases()) {
            rows.add(progress(p.name(), p.stories()));
        }
        return new EpicDashboard(rows, progress("Overall", epic.stories().toList()));
    }

    private static Progress progress(String name, List<Story> stories) {
        int done = 0;
        int points = 0;
        int pointsDone = 0;
        for (Story s : stories) {
            points += s.points();
            if (s.status() == Status.DONE) {
                done++;
                pointsDone += s.points();
            }
        }
        return new Progress(name, done, stories.size(), pointsDone, points);
    }

    /** The dashboard as a plain text table, one phase a line and the overall line last. */
    public String text() {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"Phase", "Stories", "Points", "Done"});
        for (Progress p : phases) {
            cells.add(cells(p));
        }
        cells.add(cells(overall));
        int[] widths = new int[4];
        for (String[] row : cells) {
            for (int i = 0; i < 4; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            if (r == 1 || r == cells.size() - 1) {
                rule(out, widths);
            }
            String[] row = cells.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                String c = row[i];
                String pad = " ".repeat(widths[i] - c.codePointCount(0, c.length()));
                // Names read left-aligned, figures right-aligned so their digits line up.
                line.append(i == 0 ? "" : " | ").append(i == 0 ? c + pad : pad + c);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String[] cells(Progress p) {
        return new String[] {
            p.name(),
            p.storiesDone() + "/" + p.storiesTotal(),
            p.pointsDone() + "/" + p.pointsTotal(),
            p.percentDone() + " %"
        };
    }

    private static void rule(StringBuilder out, int[] widths) {
        for (int i = 0; i < widths.length; i++) {
            out.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.append('\n');
    }
}
