package io.miglab.app.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import io.miglab.core.targets.guard.GuardRefusedException;
import io.miglab.core.targets.guard.StatementGate;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * App messages name pages and buttons, never the command line: no string in the app's code outside the CLI package
 * holds a flag ({@code --reason}) or a command ({@code miglab target unlock}), and lab-core's command-line advice
 * reaches the user reworded for the app.
 */
class AppMessagesTest {
    private static final Path APP = Path.of("src/main/java/io/miglab/app");
    private static final Pattern CLI_WORDS = Pattern.compile("--[a-z]|miglab ");

    /** Strings that are not messages: the app's own command-line options, read at start-up. */
    private static final Set<String> ALLOWED = Set.of("MigLabApp.java: --home", "MigLabApp.java: --home=");

    @TempDir
    Path home;

    @Test
    void noAppMessageOutsideTheCliNamesAFlagOrACommand() throws IOException {
        List<String> hits = new ArrayList<>();
        int files = 0;
        try (Stream<Path> sources = Files.walk(APP)) {
            for (Path file : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (APP.relativize(file).startsWith("cli")) {
                    continue;
                }
                files++;
                for (String literal : stringLiterals(Files.readString(file))) {
                    String where = file.getFileName() + ": " + literal;
                    // Errors holds lab-core's command-line wording as patterns, to reword it: regexes, not messages.
                    boolean pattern = file.endsWith("task/Errors.java") && literal.contains("\\");
                    if (CLI_WORDS.matcher(literal).find() && !ALLOWED.contains(where) && !pattern) {
                        hits.add(APP.relativize(file) + ": \"" + literal + "\"");
                    }
                }
            }
        }
        assertThat(files).as("sources scanned").isGreaterThan(30);
        assertThat(hits).isEmpty();
    }

    @Test
    void theScanFindsWhatItLooksFor() {
        assertThat(stringLiterals("// \"--reason\"\n/* \"miglab x\" */ String a = \"Run miglab target unlock\";"
                        + " char c = '\"'; String b = \"esc \\\" --flag\";"))
                .containsExactly("Run miglab target unlock", "esc \\\" --flag");
    }

    @Test
    void aGuardRefusalSaysUnlockItOnTheTargetsPage() {
        assertThatThrownBy(() -> StatementGate.require(
                        StatementGate.inspect("CREATE INDEX ON rental (customer_id)", false), false, "prod"))
                .isInstanceOfSatisfying(GuardRefusedException.class, refused -> {
                    assertThat(refused.getMessage()).contains("miglab target unlock");
                    String shown = Errors.userMessage(refused);
                    assertThat(shown)
                            .startsWith("Writes are locked on guarded target 'prod'")
                            .endsWith("Unlock it on the Targets page.")
                            .doesNotContain("miglab ")
                            .doesNotContain("--reason")
                            .doesNotContain("PostgreSQL said");
                    MigLabException wrapped = new MigLabException("The statement failed: " + refused.getMessage());
                    assertThat(Errors.userMessage(wrapped)).endsWith("Unlock it on the Targets page.");
                });
    }

    @Test
    void targetAdviceFromLabCoreNamesTheTargetsPage() {
        try (Workspace workspace = Workspace.open(new MigLabHome(home), Map.of())) {
            assertThatThrownBy(() -> workspace.targets().get("nope")).satisfies(e -> assertThat(Errors.userMessage(e))
                    .isEqualTo("There is no target named 'nope'." + System.lineSeparator()
                            + "Start the lab instance or add a target on the Targets page."));
            workspace
                    .targets()
                    .add(
                            "prod",
                            io.miglab.core.targets.ConnectionSpec.parseUrl("jdbc:postgresql://db:5432/app")
                                    .spec(),
                            io.miglab.core.targets.TargetRole.GUARDED);
            assertThatThrownBy(() -> workspace
                            .targets()
                            .add(
                                    "prod",
                                    io.miglab.core.targets.ConnectionSpec.parseUrl("jdbc:postgresql://db:5432/app")
                                            .spec(),
                                    io.miglab.core.targets.TargetRole.GUARDED))
                    .satisfies(e -> assertThat(Errors.userMessage(e))
                            .endsWith("Remove it on the Targets page first, or choose another name."));
        }
        assertThat(Errors.forPage("Lab instance 'lab' is stopped. Start it with: miglab lab start --name lab"))
                .isEqualTo("Lab instance 'lab' is stopped. Start it on the Targets page.");
        assertThat(Errors.forPage("Something new. Try miglab frob --hard now. Then go on."))
                .as("advice not known yet is dropped rather than shown")
                .isEqualTo("Something new. Then go on.");
    }

    /** The string literals of Java source, comments, char literals and text blocks skipped. */
    static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                i = source.indexOf('\n', i);
                i = i < 0 ? n : i;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                i = source.indexOf("*/", i + 2);
                i = i < 0 ? n : i + 2;
            } else if (c == '\'') {
                i++;
                while (i < n && source.charAt(i) != '\'') {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end;
                literals.add(source.substring(i + 3, end));
                i = end + 3;
            } else if (c == '"') {
                int start = ++i;
                while (i < n && source.charAt(i) != '"') {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                literals.add(source.substring(start, Math.min(i, n)));
                i++;
            } else {
                i++;
            }
        }
        return literals;
    }
}
