package io.miglab.core.report.jira;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Drafts and files the Jira tests share; the token is a string no message may ever contain. */
final class JiraTestData {
    static final String EMAIL = "lab@example.com";
    static final String TOKEN = "ATATT3xFfGF0-s3cr3t-t0k3n-Zz9";

    private JiraTestData() {}

    static JiraCredentials cloudCredentials() {
        return new JiraCredentials(EMAIL, TOKEN, "test");
    }

    static JiraCredentials dcCredentials() {
        return new JiraCredentials(null, TOKEN, "test");
    }

    /** Every byte value, CRLFs and a fake boundary inside: what a multipart writer most easily gets wrong. */
    static byte[] awkwardBytes() {
        byte[] b = new byte[256 + 64];
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        byte[] tail = "\r\n--miglab-not-the-boundary\r\n\r\n--".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tail, 0, b, 256, tail.length);
        return b;
    }

    static JiraIssueDraft draft(String summary, JiraAttachment... files) {
        PlainDescription d = new PlainDescription(
                List.of(PlainDescription.Section.of("Finding", "p95 went from 41 ms to 12 ms with {code} and a|b.")));
        return new JiraIssueDraft(
                summary, d.wiki(), d.adf(), List.of("migration", "postgres"), List.of(files), "Task", null);
    }
}
