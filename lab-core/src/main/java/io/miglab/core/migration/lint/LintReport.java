package io.miglab.core.migration.lint;

import java.util.List;

/**
 * What the lint found in one script.
 *
 * @param file the script as the user named it
 * @param target the target whose sizes were used, or null
 * @param sized whether table sizes and indexes came from a catalog (a target, or statistics given directly)
 * @param findings in file order
 */
public record LintReport(String file, String target, boolean sized, List<Finding> findings) {
    public LintReport {
        findings = List.copyOf(findings);
    }

    /** Whether any finding is an error: {@code miglab script lint} then exits 1. */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
