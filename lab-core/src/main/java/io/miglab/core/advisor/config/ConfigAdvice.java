package io.miglab.core.advisor.config;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * PGTune's advice for one set of inputs: the settings in the order PGTune prints them, and its warnings.
 *
 * @param warnings plain sentences, one per warning
 */
public record ConfigAdvice(PgTuneInputs inputs, List<Recommendation> settings, List<String> warnings) {
    public ConfigAdvice {
        settings = List.copyOf(settings);
        warnings = List.copyOf(warnings);
    }

    public Optional<Recommendation> find(String name) {
        return settings.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** The settings as postgresql.conf lines, the warnings first as {@code # WARNING:} comments. */
    public String postgresqlConf() {
        StringBuilder out = new StringBuilder();
        warnings.forEach(w -> out.append("# WARNING: ").append(w).append('\n'));
        settings.forEach(r -> out.append(r.confLine()).append('\n'));
        return out.toString();
    }

    /** The settings as ALTER SYSTEM statements, one a line, the warnings first as {@code -- WARNING:} comments. */
    public String alterSystemScript() {
        StringBuilder out = new StringBuilder();
        warnings.forEach(w -> out.append("-- WARNING: ").append(w).append('\n'));
        out.append(settings.stream().map(r -> r.alterSystem() + ";").collect(Collectors.joining("\n")));
        return out.append('\n').toString();
    }
}
