package io.miglab.core.report.epic;

import io.miglab.core.MigLabException;
import io.miglab.core.TextFiles;
import io.miglab.core.ledger.Experiment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Attaches lab evidence to a story of an epic file: one {@code - Experiment #N: title (kind, status)} line under the
 * story's {@code #### Evidence}, made when missing. The edit is made on the text, not by writing the model again,
 * so everything else in the file (other stories, sections MigLab does not model, spacing, line ends) stays byte for
 * byte as it was.
 */
public final class EpicEvidence {
    static final String HEADING = "#### Evidence";

    private static final Pattern LINE = Pattern.compile("[^\\r\\n]*(\\r\\n|\\r|\\n)?");

    private EpicEvidence() {}

    /** The evidence line for an experiment of the ledger. */
    public static Evidence of(Experiment e) {
        String title = e.title() == null || e.title().isBlank() ? e.kind() : e.title();
        return new Evidence(
                e.id(),
                title.replaceAll("[\\r\\n]+", " "),
                e.kind().replaceAll("[(),\\s]+", "-"),
                e.status().label());
    }

    /**
     * The epic text with {@code evidence} listed under the story {@code storyId}; the same text when that experiment
     * is already listed there.
     */
    public static String attach(String markdown, String storyId, Evidence evidence) {
        Epic epic = EpicMarkdown.read(markdown);
        Story story = epic.story(storyId)
                .orElseThrow(() -> new MigLabException("There is no story " + storyId + " in the epic; its stories"
                        + " are " + epic.stories().map(Story::id).collect(Collectors.joining(", ")) + "."));
        if (story.evidence().stream().anyMatch(e -> e.experimentId() == evidence.experimentId())) {
            return markdown;
        }
        List<String> lines = rawLines(markdown);
        String eol = lineEnd(lines);
        int head = -1;
        int end = lines.size();
        int section = -1;
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = strip(lines.get(i));
            if (EpicMarkdown.isFence(line)) {
                fenced = !fenced;
                continue;
            }
            String[] h = fenced ? null : EpicMarkdown.heading(line);
            if (h == null) {
                continue;
            }
            int level = Integer.parseInt(h[0]);
            if (head < 0) {
                if (level == 3 && storyId.equals(EpicMarkdown.storyId(h[1]))) {
                    head = i;
                }
            } else if (level <= 3) {
                end = i;
                break;
            } else if (level == 4
                    && h[1].toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "").equals("evidence")) {
                section = i;
            }
        }
        String item = "- " + evidence.text() + eol;
        List<String> insert = new ArrayList<>();
        int at;
        if (section >= 0) {
            int last = -1;
            for (int i = section + 1; i < end; i++) {
                String line = strip(lines.get(i));
                if (EpicMarkdown.heading(line) != null || line.strip().matches("([-*_])(\\s*\\1){2,}")) {
                    break;
                }
                if (line.strip().matches("[-*+]\\s+.*")) {
                    last = i;
                }
            }
            if (last >= 0) {
                at = last + 1;
                insert.add(item);
            } else {
                at = section + 1;
                insert.add(eol);
                insert.add(item);
            }
        } else {
            // Before the story's closing rule and the blank lines around it, where the writer puts the section.
            at = end;
            while (at - 1 > head
                    && (strip(lines.get(at - 1)).isBlank()
                            || strip(lines.get(at - 1)).strip().matches("([-*_])(\\s*\\1){2,}"))) {
                at--;
            }
            insert.add(eol);
            insert.add(HEADING + eol);
            insert.add(eol);
            insert.add(item);
        }
        if (at < lines.size() && !strip(lines.get(at)).isBlank()) {
            insert.add(eol);
        }
        if (at > 0 && terminator(lines.get(at - 1)).isEmpty()) {
            lines.set(at - 1, lines.get(at - 1) + eol);
        }
        lines.addAll(at, insert);
        String result = String.join("", lines);
        Story after = EpicMarkdown.read(result).story(storyId).orElseThrow();
        if (after.evidence().stream().noneMatch(e -> e.equals(evidence))) {
            throw new MigLabException(
                    "The evidence for " + storyId + " could not be placed in the file; add it by hand: " + item);
        }
        return result;
    }

    /**
     * Attaches the evidence to the story in the epic file and writes it back in one move (a reader never sees half
     * a file). Returns false when the experiment was listed there already, and leaves the file untouched then.
     */
    public static boolean attach(Path file, String storyId, Evidence evidence) {
        String before = TextFiles.read(file, TextFiles.DEFAULT_MAX_BYTES, "The epic file");
        String after = attach(before, storyId, evidence);
        if (after.equals(before)) {
            return false;
        }
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path temp = Files.createTempFile(dir, ".epic-", ".md.tmp");
            try {
                Files.writeString(temp, after, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new MigLabException("The epic file " + file + " cannot be written: " + e.getMessage(), e);
        }
        return true;
    }

    /** The lines with their own line ends, so joining them gives the text back exactly. */
    static List<String> rawLines(String text) {
        List<String> lines = new ArrayList<>();
        Matcher m = LINE.matcher(text);
        int from = 0;
        while (from < text.length() && m.find(from) && m.end() > from) {
            lines.add(m.group());
            from = m.end();
        }
        return lines;
    }

    private static String lineEnd(List<String> lines) {
        for (String l : lines) {
            String t = terminator(l);
            if (!t.isEmpty()) {
                return t;
            }
        }
        return "\n";
    }

    private static String terminator(String line) {
        if (line.endsWith("\r\n")) {
            return "\r\n";
        }
        if (line.endsWith("\n") || line.endsWith("\r")) {
            return line.substring(line.length() - 1);
        }
        return "";
    }

    private static String strip(String line) {
        return line.substring(0, line.length() - terminator(line).length());
    }
}
