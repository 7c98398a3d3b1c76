package io.miglab.core.migration.timing;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.miglab.core.Json;
import io.miglab.core.migration.timing.TimingResult.HeavyStatement;
import io.miglab.core.plan.Plan;
import io.miglab.core.plan.PlanNode;
import io.miglab.core.plan.PlanParseException;
import io.miglab.core.plan.parse.PlanParser;
import io.miglab.core.units.Counts;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plans of a script's heaviest statements, statements inside plpgsql bodies included (where the work of a
 * data migration usually is: a procedure's batch loop). PostgreSQL's auto_explain is loaded for every session of the
 * run's own copy, with {@code log_nested_statements}, {@code log_analyze} (without per-node timing, which would slow
 * the run down the most) and {@code log_buffers}, and sends each plan to the client as a notice rather than to the
 * server log, so nothing has to be read back from the server's files. Statements are grouped by their text: a
 * batch statement run 400 times is one entry with its calls, total and slowest time, and the plan of its slowest run.
 *
 * <p>Only statements of at least {@link #thresholdMillis} are explained; with the threshold at a thousandth of the
 * run's expected time, at most about a thousand plans are sent however many statements a long script runs (a run
 * under a second explains all of its statements).
 */
final class StatementPlans implements Consumer<String> {
    /** Statements kept per run, heaviest first. */
    static final int KEEP = 5;
    /** Plans logged at most, roughly: the threshold is the expected run time divided by this. */
    static final int MAX_PLANS = 1_000;

    private static final Pattern NOTICE =
            Pattern.compile("^duration: ([0-9.]+) ms\\s+plan:\\s*(\\{.*)$", Pattern.DOTALL);

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private int plans;

    /**
     * The auto_explain threshold for a run expected to take {@code expectedSeconds}, in whole milliseconds (the
     * setting's unit): 0, every statement, for a run under a second.
     */
    static int thresholdMillis(double expectedSeconds) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, Math.floor(expectedSeconds * 1000 / MAX_PLANS)));
    }

    /**
     * Why plans cannot be captured through {@code admin}'s server, or null when they can: loading auto_explain
     * needs a superuser, and the library installed (PostgreSQL's contrib).
     */
    static String unavailable(Connection admin) {
        try (Statement s = admin.createStatement()) {
            s.execute("LOAD 'auto_explain'");
            return null;
        } catch (SQLException e) {
            return "no plans: auto_explain cannot be loaded on this server (" + firstLine(e.getMessage()) + ")";
        }
    }

    /**
     * Every later session of {@code database} explains its statements of {@code thresholdMillis} or more. Only for
     * a scratch copy: the settings belong to the database and go with it when it is dropped.
     */
    static void enable(Connection admin, String database, int thresholdMillis) throws SQLException {
        String db = DatabaseSampler.quote(database);
        try (Statement s = admin.createStatement()) {
            for (String setting : List.of(
                    "session_preload_libraries = 'auto_explain'",
                    "auto_explain.log_min_duration = " + thresholdMillis,
                    "auto_explain.log_nested_statements = on",
                    "auto_explain.log_analyze = on",
                    "auto_explain.log_timing = off",
                    "auto_explain.log_buffers = on",
                    "auto_explain.log_format = json",
                    "auto_explain.log_level = notice",
                    "client_min_messages = notice")) {
                s.execute("ALTER DATABASE " + db + " SET " + setting);
            }
        }
    }

    /** One notice of the run; anything that is not an auto_explain plan is ignored. */
    @Override
    public void accept(String notice) {
        Matcher m = NOTICE.matcher(notice);
        if (!m.matches()) {
            return;
        }
        double millis;
        try {
            millis = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            return;
        }
        String json = m.group(2);
        String query;
        try {
            query = Json.mapper().readTree(json).path("Query Text").asText("(statement text not logged)");
        } catch (JsonProcessingException e) {
            return; // a cut-off plan: nothing to group it by
        }
        plans++;
        groups.computeIfAbsent(normalize(query), k -> new Group(query)).add(millis, json);
    }

    /** How many plans were received. */
    int plans() {
        return plans;
    }

    /** The {@link #KEEP} statements with the most time in all, each with the plan of its slowest run. */
    List<HeavyStatement> heaviest() {
        List<HeavyStatement> out = new ArrayList<>();
        groups.values().stream()
                .sorted(Comparator.comparingDouble((Group g) -> g.totalMillis).reversed())
                .limit(KEEP)
                .forEach(g -> out.add(new HeavyStatement(
                        g.query, g.calls, g.totalMillis, g.maxMillis, summary(g.slowestPlan), g.slowestPlan)));
        return out;
    }

    /**
     * What the plan does in one line: its scans with the rows they returned and threw away, and the buffers and
     * temp blocks of the whole statement. "Seq Scan on instance: 1,000 rows, 39,000 removed by filter; 4,512
     * blocks hit, 310 read".
     */
    static String summary(String json) {
        Plan plan;
        try {
            plan = PlanParser.parse(json);
        } catch (PlanParseException e) {
            return "(plan not readable: " + e.getMessage() + ")";
        }
        List<String> parts = new ArrayList<>();
        for (PlanNode n : plan.nodes()) {
            if (!n.nodeType().endsWith("Scan") || n.text("Relation Name") == null) {
                continue; // a table's scans tell where the rows are read; subquery and function scans do not
            }
            double loops = Math.max(1, n.number("Actual Loops", 1));
            StringBuilder sb = new StringBuilder(n.label()).append(": ");
            sb.append(Counts.format(Math.round(n.number("Actual Rows", 0) * loops)))
                    .append(" rows");
            if (loops > 1) {
                sb.append(" in ").append(Counts.format(Math.round(loops))).append(" loops");
            }
            double removed = n.number("Rows Removed by Filter", 0) * loops;
            if (removed >= 1) {
                sb.append(", ").append(Counts.format(Math.round(removed))).append(" removed by filter");
            }
            parts.add(sb.toString());
        }
        if (parts.isEmpty()) {
            parts.add(plan.root().label());
        }
        String text = String.join("; ", parts.subList(0, Math.min(parts.size(), 3)))
                + (parts.size() > 3 ? " (+" + (parts.size() - 3) + " scans)" : "");
        PlanNode root = plan.root();
        long hit = Math.round(root.number("Shared Hit Blocks", 0));
        long read = Math.round(root.number("Shared Read Blocks", 0));
        long temp = Math.round(root.number("Temp Written Blocks", 0));
        text += "; " + Counts.format(hit) + " blocks hit, " + Counts.format(read) + " read";
        if (temp > 0) {
            text += ", " + Counts.format(temp) + " temp blocks written";
        }
        return text;
    }

    /** Statement texts that differ only in spacing are the same statement. */
    static String normalize(String query) {
        return query.strip().replaceAll("\\s+", " ");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** One statement text's runs. */
    private static final class Group {
        final String query;
        int calls;
        double totalMillis;
        double maxMillis = -1;
        String slowestPlan;

        Group(String query) {
            this.query = query.strip();
        }

        void add(double millis, String json) {
            calls++;
            totalMillis += millis;
            if (millis > maxMillis) {
                maxMillis = millis;
                slowestPlan = json;
            }
        }
    }
}
