package io.miglab.core.report.epic;

import io.miglab.core.MigLabException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A migration epic as spectryn keeps it in Markdown: a heading with its key and title, a summary table, phases of
 * stories, and risks with their mitigations.
 *
 * @param key the tracker's epic key such as {@code MIG-100}, or null when the file names none
 */
public record Epic(String key, String title, List<SummaryField> summary, List<Phase> phases, List<Risk> risks) {
    public Epic {
        key = key == null || key.isBlank() ? null : EpicText.line(key, "The epic key");
        if (key != null && !Story.ID.matcher(key).matches()) {
            throw new MigLabException(
                    "'" + key + "' is not an epic key; expected capitals, a dash and a number" + " such as MIG-100.");
        }
        title = EpicText.required(title, "The epic's title");
        summary = EpicText.list(summary);
        phases = EpicText.list(phases);
        risks = EpicText.list(risks);
        Set<String> ids = new HashSet<>();
        for (Phase p : phases) {
            for (Story s : p.stories()) {
                if (!ids.add(s.id())) {
                    throw new MigLabException("The story " + s.id() + " appears twice in the epic.");
                }
            }
        }
    }

    public Stream<Story> stories() {
        return phases.stream().flatMap(p -> p.stories().stream());
    }

    public Optional<Story> story(String id) {
        return stories().filter(s -> s.id().equals(id)).findFirst();
    }
}
