package io.miglab.core.plan.parse;

import io.miglab.core.MigLabException;
import io.miglab.core.TextFiles;
import io.miglab.core.plan.Plan;
import io.miglab.core.plan.PlanParseException;
import io.miglab.core.units.Sizes;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a plan as users paste it or save it: EXPLAIN output in FORMAT JSON or TEXT, straight from the server or
 * copied from psql with its header, footer, frames and {@code +} marks. The format is recognised from the first
 * character. Anything it cannot read ends in one {@link PlanParseException} naming the line; nothing else is
 * thrown.
 */
public final class PlanParser {

    private PlanParser() {}

    public static Plan parse(String input) {
        if (input == null) {
            throw new PlanParseException(0, 0, "no plan text was given");
        }
        List<SourceLine> lines = PsqlOutput.clean(input);
        if (lines.isEmpty()) {
            throw new PlanParseException(0, 0, "the plan is empty; expected EXPLAIN output in JSON or TEXT format");
        }
        String first = lines.get(0).text().strip();
        if (first.startsWith("[") || first.startsWith("{")) {
            return JsonPlanReader.read(lines);
        }
        if (first.startsWith("<")) {
            throw new PlanParseException(
                    lines.get(0).number(), 1, "this looks like FORMAT XML; expected FORMAT JSON or TEXT");
        }
        if (first.startsWith("- Plan:") || first.startsWith("Plan:")) {
            throw new PlanParseException(
                    lines.get(0).number(), 1, "this looks like FORMAT YAML; expected FORMAT JSON or TEXT");
        }
        return TextPlanReader.read(lines);
    }

    /**
     * A saved plan is read whole and becomes a tree several times its size: 64 MB is a plan of some hundred
     * thousand nodes, far past what any statement produces.
     */
    public static final long MAX_FILE_BYTES = 64 * Sizes.MB;

    /**
     * Reads a plan file (UTF-8, at most {@link #MAX_FILE_BYTES}); an unreadable, oversized or non-UTF-8 file is
     * reported like a parse problem, with the path.
     */
    public static Plan parse(Path file) {
        String text;
        try {
            text = TextFiles.read(file, MAX_FILE_BYTES, "the plan file");
        } catch (MigLabException e) {
            throw new PlanParseException(0, 0, lowerFirst(e.getMessage()));
        }
        return parse(text);
    }

    private static String lowerFirst(String message) {
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
}
