package io.miglab.core.plan.parse;

import io.miglab.core.plan.Plan;
import io.miglab.core.plan.PlanParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /** Reads a plan file (UTF-8); an unreadable file is reported like a parse problem, with the path. */
    public static Plan parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PlanParseException(0, 0, "cannot read " + file + ": " + e.getMessage());
        }
        return parse(text);
    }
}
