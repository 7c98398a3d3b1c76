package io.miglab.core.migration.lint;

import io.miglab.core.MigLabException;

/** How findings are written out: for people, for programs, for GitHub's annotations. */
public interface LintFormat {

    /** The whole output for {@code report}, ending with a newline when it is not empty. */
    String render(LintReport report);

    /** The format called {@code name}: text, json or github. */
    static LintFormat named(String name) {
        return switch (name) {
            case "text" -> new TextFormat();
            case "json" -> new JsonFormat();
            case "github" -> new GithubFormat();
            default -> throw new MigLabException("--format " + name + ": the formats are text, json and github.");
        };
    }
}
