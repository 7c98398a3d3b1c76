package io.miglab.core.report.epic;

import io.miglab.core.MigLabException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One user story: {@code ### 🔄 US-003: Title} with its metadata table, As a / I want / So that, acceptance
 * criteria, subtasks and the lab evidence attached to it.
 *
 * @param emoji what stands before the id in the heading (spectryn leaves it free); may be empty
 */
public record Story(
        String id,
        String title,
        String emoji,
        int points,
        Priority priority,
        Status status,
        String asA,
        String iWant,
        String soThat,
        List<Criterion> criteria,
        List<Subtask> subtasks,
        List<Evidence> evidence) {

    /** An id as spectryn finds them: capital letters (and digits), a dash, a number: US-001, MIG-42. */
    public static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9]*-\\d+");

    public Story {
        id = EpicText.required(id, "A story's id");
        if (!ID.matcher(id).matches()) {
            throw new MigLabException(
                    "'" + id + "' is not a story id; expected capitals, a dash and a number" + " such as US-001.");
        }
        title = EpicText.required(title, "The title of " + id);
        emoji = EpicText.line(emoji, "The emoji of " + id);
        if (emoji.codePoints().anyMatch(Character::isLetterOrDigit)) {
            throw new MigLabException("The emoji of " + id + " must not contain letters or digits: " + emoji);
        }
        points = EpicText.points(points, id);
        priority = priority == null ? Priority.MEDIUM : priority;
        status = status == null ? Status.PLANNED : status;
        asA = EpicText.line(asA, "The 'As a' of " + id);
        iWant = EpicText.line(iWant, "The 'I want' of " + id);
        soThat = EpicText.line(soThat, "The 'So that' of " + id);
        criteria = EpicText.list(criteria);
        subtasks = EpicText.list(subtasks);
        evidence = EpicText.list(evidence);
    }

    public Story withEvidence(List<Evidence> newEvidence) {
        return new Story(
                id, title, emoji, points, priority, status, asA, iWant, soThat, criteria, subtasks, newEvidence);
    }
}
