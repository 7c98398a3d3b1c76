package io.miglab.core.report.jira;

import io.miglab.core.MigLabException;
import java.util.Arrays;

/** One file to attach to a Jira issue: its name as Jira will show it, its media type and its bytes. */
public record JiraAttachment(String fileName, String mediaType, byte[] content) {

    public JiraAttachment {
        if (fileName == null || fileName.isBlank()) {
            throw new MigLabException("A Jira attachment needs a file name.");
        }
        if (fileName.contains("/") || fileName.contains("\\")) {
            throw new MigLabException("Jira attachment name '" + fileName + "' must be a file name, not a path.");
        }
        if (content == null) {
            throw new MigLabException("Jira attachment '" + fileName + "' has no content.");
        }
        mediaType = mediaType == null || mediaType.isBlank() ? "application/octet-stream" : mediaType;
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public int size() {
        return content.length;
    }

    /** The size as people read it: 512 B, 2.1 kB, 3.4 MB. */
    public String readableSize() {
        return readable(content.length);
    }

    static String readable(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        if (bytes < 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1f kB", bytes / 1000.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JiraAttachment a
                && a.fileName.equals(fileName)
                && a.mediaType.equals(mediaType)
                && Arrays.equals(a.content, content);
    }

    @Override
    public int hashCode() {
        return fileName.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "JiraAttachment[" + fileName + ", " + mediaType + ", " + readableSize() + "]";
    }
}
