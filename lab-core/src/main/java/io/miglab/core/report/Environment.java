package io.miglab.core.report;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the experiments ran against: target names (never a URL with its credentials), server versions, datasets and
 * the settings worth naming. A field holding several distinct values (experiments on two targets) joins them.
 *
 * @param settings name and value pairs, for example {@code work_mem = 4MB}, in the order they should be shown
 */
public record Environment(String target, String serverVersion, String dataset, List<Setting> settings) {
    public static final Environment UNKNOWN = new Environment(null, null, null, List.of());

    public Environment {
        settings = List.copyOf(settings);
    }

    public record Setting(String name, String value) {}

    public boolean isEmpty() {
        return target == null && serverVersion == null && dataset == null && settings.isEmpty();
    }

    Environment mapText(UnaryOperator<String> f) {
        return new Environment(
                nullable(f, target),
                nullable(f, serverVersion),
                nullable(f, dataset),
                settings.stream()
                        .map(s -> new Setting(f.apply(s.name()), f.apply(s.value())))
                        .toList());
    }

    static String nullable(UnaryOperator<String> f, String s) {
        return s == null ? null : f.apply(s);
    }
}
