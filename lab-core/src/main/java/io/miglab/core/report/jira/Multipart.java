package io.miglab.core.report.jira;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A multipart/form-data body with one part named {@code file}, as Jira's attachment endpoint wants it. */
record Multipart(String contentType, byte[] body) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static Multipart of(JiraAttachment file) {
        byte[] content = file.content();
        String boundary;
        do {
            byte[] r = new byte[16];
            RANDOM.nextBytes(r);
            boundary = "miglab-" + HexFormat.of().formatHex(r);
        } while (contains(content, boundary.getBytes(StandardCharsets.US_ASCII)));
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 512);
        write(out, "--" + boundary + "\r\n");
        write(out, "Content-Disposition: form-data; name=\"file\"; filename=\"" + quoted(file.fileName()) + "\"\r\n");
        write(out, "Content-Type: " + file.mediaType().replaceAll("[\r\n]", "") + "\r\n\r\n");
        out.writeBytes(content);
        write(out, "\r\n--" + boundary + "--\r\n");
        return new Multipart("multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    /**
     * The file name inside the quoted {@code filename} parameter, escaped the way browsers do it (WHATWG HTML):
     * {@code "} as %22, CR and LF as %0D and %0A; anything else, non-ASCII included, goes as UTF-8.
     */
    static String quoted(String name) {
        return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
