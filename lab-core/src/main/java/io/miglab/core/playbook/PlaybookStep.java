package io.miglab.core.playbook;

import io.miglab.core.Parameters;
import java.util.Map;

/**
 * One step of a playbook.
 *
 * @param id stable machine name, unique in its playbook (progress is stored under it)
 * @param page which screen the app shows for it (for example {@code dataset}, {@code inventory}, {@code explain})
 * @param summary one or two sentences: what the step is for and what the user does
 * @param parameters what the step's service is run with (names to text values, as {@code fromParameters} of the
 *     service's request reads them); empty when the step only shows its page
 */
public record PlaybookStep(String id, String title, String page, String summary, Map<String, String> parameters) {
    public PlaybookStep {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** A step without parameters. */
    public PlaybookStep(String id, String title, String page, String summary) {
        this(id, title, page, summary, Map.of());
    }

    /** The parameters for a request's {@code fromParameters}; its messages name this step. */
    public Parameters stepParameters() {
        return Parameters.of("step " + id, parameters);
    }
}
