package io.miglab.core.plan.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.plan.Plan;
import io.miglab.core.plan.PlanParseException;
import io.miglab.core.plan.analysis.PlanAnalysis;
import io.miglab.core.plan.analysis.PlanAnalyzer;
import io.miglab.core.plan.analysis.PlanFindings;
import io.miglab.core.plan.render.PlanJsonWriter;
import io.miglab.core.plan.render.PlanTextRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Thousands of damaged plans, made from the golden fixtures by seeded random mutations: whatever the damage, the
 * parser either reads a plan (which then analyses and renders without error) or throws {@link PlanParseException}
 * with a message; never anything else.
 */
class PlanParserRobustnessTest {
    private static final int MUTANTS_PER_FIXTURE = 120;

    @Test
    void mutatedPlansOnlyEverFailWithAParseException() throws Exception {
        List<String> sources = new ArrayList<>();
        Path root = Path.of(PlanParserRobustnessTest.class
                .getResource("/io/miglab/core/plan/fixtures")
                .toURI());
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p :
                    files.filter(f -> f.toString().contains(".plan.")).sorted().toList()) {
                sources.add(Files.readString(p));
            }
        }
        assertThat(sources).hasSizeGreaterThan(40);
        Random random = new Random(20261121L);
        int parsed = 0;
        int rejected = 0;
        for (String source : sources) {
            for (int i = 0; i < MUTANTS_PER_FIXTURE; i++) {
                String mutant = mutate(source, random);
                try {
                    Plan plan = PlanParser.parse(mutant);
                    PlanAnalysis analysis = PlanAnalyzer.analyze(plan);
                    var findings = PlanFindings.find(plan, analysis);
                    assertThat(PlanTextRenderer.render(plan, analysis, findings))
                            .isNotEmpty();
                    assertThat(PlanJsonWriter.toText(PlanJsonWriter.document(plan, analysis, findings)))
                            .isNotEmpty();
                    parsed++;
                } catch (PlanParseException e) {
                    assertThat(e.getMessage()).startsWith("Cannot read the plan");
                    rejected++;
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError("Mutant threw " + e + " for input:\n" + mutant, e);
                }
            }
        }
        assertThat(parsed + rejected).isGreaterThanOrEqualTo(5000);
        assertThat(rejected).as("some mutants must be rejected").isGreaterThan(500);
        assertThat(parsed).as("some mutants must still parse").isGreaterThan(500);
    }

    static String mutate(String s, Random r) {
        String out = s;
        int rounds = 1 + r.nextInt(3);
        for (int k = 0; k < rounds; k++) {
            if (out.isEmpty()) {
                return out;
            }
            int pos = r.nextInt(out.length());
            switch (r.nextInt(10)) {
                case 0 -> out = out.substring(0, pos); // truncation
                case 1 -> out = deleteLine(out, r);
                case 2 -> out = swap(out, pos, r);
                case 3 -> out = out.substring(0, pos) + randomChars(r) + out.substring(pos);
                case 4 -> out = wrongType(out, r);
                case 5 -> out = duplicateLine(out, r);
                case 6 -> out = out.substring(0, pos) + out.substring(Math.min(out.length(), pos + r.nextInt(40)));
                case 7 -> out = reindent(out, r);
                case 8 -> out = out.replaceFirst("\\d+\\.\\d+", r.nextBoolean() ? "x.y" : "1e999");
                default -> out = out.replace(r.nextBoolean() ? "->" : "\"Plans\"", r.nextBoolean() ? "" : "\"Plan\"");
            }
        }
        return out;
    }

    private static String deleteLine(String s, Random r) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        lines.remove(r.nextInt(lines.size()));
        return String.join("\n", lines);
    }

    private static String duplicateLine(String s, Random r) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        int i = r.nextInt(lines.size());
        lines.add(r.nextInt(lines.size()), lines.get(i));
        return String.join("\n", lines);
    }

    private static String reindent(String s, Random r) {
        List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
        int i = r.nextInt(lines.size());
        lines.set(i, r.nextBoolean() ? lines.get(i).strip() : "      " + lines.get(i));
        return String.join("\n", lines);
    }

    private static String swap(String s, int pos, Random r) {
        int other = r.nextInt(s.length());
        char[] chars = s.toCharArray();
        char t = chars[pos];
        chars[pos] = chars[other];
        chars[other] = t;
        return new String(chars);
    }

    private static String randomChars(Random r) {
        String alphabet = "{}[]\":,+-|()=.0123456789 \nabcAZ$\\";
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = 1 + r.nextInt(6); i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Replaces one JSON value with a value of another type, or a TEXT number with a word. */
    private static String wrongType(String s, Random r) {
        String[] replacements = {"\"text\"", "[]", "{}", "null", "true", "-1", "99999999999999999999"};
        String rep = replacements[r.nextInt(replacements.length)];
        if (s.contains("\": ")) {
            List<Integer> positions = new ArrayList<>();
            for (int i = s.indexOf("\": "); i >= 0; i = s.indexOf("\": ", i + 1)) {
                positions.add(i);
            }
            int at = positions.get(r.nextInt(positions.size())) + 3;
            int end = at;
            while (end < s.length() && ",\n}]".indexOf(s.charAt(end)) < 0) {
                end++;
            }
            if (end < s.length() && (s.charAt(at) == '{' || s.charAt(at) == '[')) {
                return s.substring(0, at) + rep + s.substring(at + 1);
            }
            return s.substring(0, at) + rep + s.substring(end);
        }
        return s.replaceFirst("rows=\\d+", "rows=" + (r.nextBoolean() ? "many" : "-"));
    }
}
