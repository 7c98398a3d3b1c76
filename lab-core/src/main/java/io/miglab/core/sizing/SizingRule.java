package io.miglab.core.sizing;

import io.miglab.core.MigLabException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The sizing rules MigLab puts side by side. */
public enum SizingRule {
    /** The team's rule of thumb: request = average + 20 %, limit 50 to 100 % above the request. */
    TEAM("team"),
    /** KRR's simple strategy: CPU request = p95, no CPU limit, memory request = limit = max x 1.15. */
    KRR("krr"),
    /** A VPA-like recommender: target p90 x 1.15 between bounds p50 and p95 widened on short histories. */
    VPA("vpa"),
    /** MigLab's rule for one-shot Jobs: per run, the peak working set and the CPU used, across runs. */
    JOB("job");

    private final String id;

    SizingRule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** {@code team}, ..., or {@code all}. */
    public static List<SizingRule> parse(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("all")) {
            return List.of(values());
        }
        return Arrays.stream(text.split(",", -1))
                .map(String::strip)
                .map(id -> Arrays.stream(values())
                        .filter(r -> r.id.equalsIgnoreCase(id))
                        .findFirst()
                        .orElseThrow(() -> new MigLabException("Unknown sizing rule '" + id + "'; choose "
                                + Arrays.stream(values()).map(SizingRule::id).collect(Collectors.joining(", "))
                                + " or all.")))
                .distinct()
                .toList();
    }
}
