package io.miglab.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miglab.core.Json;
import io.miglab.core.MigLabException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A report as files for a ticket, named so they sort in reading order: {@code 01-NAME.md}, {@code 02-NAME.jira.txt},
 * {@code 03-NAME.adf.json}, {@code 04-report.html}, the charts as {@code 10-CHART.png}, the tables as
 * {@code 20-table-TABLE.csv}, the experiments' artifacts as {@code 30-eID-NAME}, and {@code manifest.json} listing
 * each with its media type, size, SHA-256 and what it is. Text artifacts pass through {@link Redaction} on the way,
 * so no file of a bundle holds a secret the ledger held.
 */
public final class ReportBundle {
    public static final String MANIFEST = "manifest.json";
    private static final int MAX_SLUG = 60;

    private final ChartRenderer charts;

    public ReportBundle(ChartRenderer charts) {
        this.charts = charts;
    }

    /** One file of a bundle. */
    public record Entry(String name, String mediaType, String description, byte[] content) {
        public String sha256() {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The file name a chart gets in a bundle; the text formats refer to it. */
    public static String chartFileHint(Chart chart) {
        return "10-" + chart.name() + ".png";
    }

    /** Every file of the bundle, manifest last, in name order otherwise. */
    public List<Entry> entries(Report report) {
        String slug = slug(report.title());
        List<Entry> entries = new ArrayList<>();
        entries.add(text("01-" + slug + ".md", new MarkdownRenderer(), report, "The description in Markdown (GitHub)"));
        entries.add(text(
                "02-" + slug + ".jira.txt",
                new JiraWikiRenderer(),
                report,
                "The description in Jira wiki markup (Jira Server and Data Center)"));
        entries.add(text(
                "03-" + slug + ".adf.json",
                new AdfRenderer(),
                report,
                "The description in Atlassian Document Format (Jira Cloud REST v3)"));
        entries.add(text(
                "04-report.html", new HtmlRenderer(charts), report, "The whole report as one self-contained page"));
        Set<String> names = new HashSet<>();
        for (Chart c : report.charts()) {
            entries.add(unique(names, new Entry(chartFileHint(c), "image/png", "Chart: " + c.title(), charts.png(c))));
        }
        CsvRenderer csv = new CsvRenderer();
        List<Table> tables = report.tables();
        var files = csv.render(report);
        int t = 0;
        for (var file : files.entrySet()) {
            entries.add(new Entry(
                    "20-" + file.getKey(),
                    "text/csv",
                    "Table: " + tables.get(t++).title(),
                    file.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        for (ReportSection s : report.sections()) {
            for (ReportArtifact a : s.artifacts()) {
                byte[] content = a.content().get();
                if (a.isText()) {
                    content = Redaction.text(new String(content, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                }
                entries.add(
                        unique(names, new Entry("30-" + fileName(a.name()), a.mediaType(), a.description(), content)));
            }
        }
        entries.add(manifest(report, entries));
        return entries;
    }

    /**
     * The bundle with only the files {@code keep} names (the user's checklist), its manifest listing just those;
     * the manifest itself is always kept.
     */
    public List<Entry> only(Report report, java.util.function.Predicate<String> keep) {
        return only(report, entries(report), keep);
    }

    /**
     * As {@link #only(Report, java.util.function.Predicate)}, choosing among files already made from {@code report}
     * (nothing is rendered again: a checklist can be applied as often as it changes).
     */
    public static List<Entry> only(Report report, List<Entry> made, java.util.function.Predicate<String> keep) {
        List<Entry> kept = new ArrayList<>();
        for (Entry e : made) {
            if (!e.name().equals(MANIFEST) && keep.test(e.name())) {
                kept.add(e);
            }
        }
        kept.add(manifest(report, kept));
        return kept;
    }

    /** Writes the bundle into {@code dir} (created when missing) and returns the files written. */
    public List<Path> writeFolder(Report report, Path dir) {
        return writeFolder(entries(report), dir);
    }

    /** Writes these bundle files into {@code dir} (created when missing) and returns the files written. */
    public static List<Path> writeFolder(List<Entry> entries, Path dir) {
        try {
            Files.createDirectories(dir);
            List<Path> written = new ArrayList<>();
            for (Entry e : entries) {
                Path file = dir.resolve(e.name());
                Files.write(file, e.content());
                written.add(file);
            }
            return written;
        } catch (IOException e) {
            throw new MigLabException("Cannot write the report bundle to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes the bundle as one zip file. */
    public void writeZip(Report report, Path zip) {
        writeZip(entries(report), zip);
    }

    /** Writes these bundle files as one zip file. */
    public static void writeZip(List<Entry> entries, Path zip) {
        try {
            if (zip.getParent() != null) {
                Files.createDirectories(zip.getParent());
            }
            try (OutputStream out = Files.newOutputStream(zip);
                    ZipOutputStream z = new ZipOutputStream(out)) {
                for (Entry e : entries) {
                    ZipEntry entry = new ZipEntry(e.name());
                    // A fixed time: the same report gives the same zip.
                    entry.setTime(0);
                    z.putNextEntry(entry);
                    z.write(e.content());
                    z.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new MigLabException("Cannot write the report bundle " + zip + ": " + e.getMessage(), e);
        }
    }

    private static Entry text(String name, ReportRenderer renderer, Report report, String description) {
        return new Entry(
                name, renderer.mediaType(), description, renderer.render(report).getBytes(StandardCharsets.UTF_8));
    }

    private static Entry unique(Set<String> names, Entry e) {
        String name = e.name();
        for (int i = 2; !names.add(name); i++) {
            int dot = e.name().indexOf('.', 3);
            name = dot < 0
                    ? e.name() + "-" + i
                    : e.name().substring(0, dot) + "-" + i + e.name().substring(dot);
        }
        return new Entry(name, e.mediaType(), e.description(), e.content());
    }

    private static Entry manifest(Report report, List<Entry> entries) {
        ObjectNode m = Json.mapper().createObjectNode();
        m.put("report", report.title());
        ArrayNode files = m.putArray("files");
        for (Entry e : entries) {
            files.addObject()
                    .put("name", e.name())
                    .put("mediaType", e.mediaType())
                    .put("size", e.content().length)
                    .put("sha256", e.sha256())
                    .put("description", e.description());
        }
        try {
            return new Entry(
                    MANIFEST,
                    "application/json",
                    "What each file is",
                    (Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n")
                            .getBytes(StandardCharsets.UTF_8));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file-name-safe form of a title: lower case letters, digits and dashes. */
    public static String slug(String title) {
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > MAX_SLUG) {
            s = s.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "report" : s;
    }

    /** An artifact name as a file name: no path separators, nothing a file system refuses. */
    static String fileName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^\\.+", "_");
        return s.isEmpty() ? "artifact" : s;
    }
}
