package io.miglab.core.migrate;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.migrate.ClientTools.ClientTool;
import io.miglab.core.migrate.ClientTools.Tool;
import io.miglab.core.migrate.LoadReport.PhaseTime;
import io.miglab.core.migrate.Loaders.Matrix;
import io.miglab.core.migrate.Loaders.MatrixRequest;
import io.miglab.core.migrate.Loaders.MatrixRow;
import io.miglab.core.migrate.SourceCatalog.LoadTable;
import io.miglab.core.targets.ConnectionSpec;
import io.miglab.core.targets.TargetConnector;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code miglab bench loaders}: the loader matrix and, in the same run, the two anchors people know:
 *
 * <ul>
 *   <li>{@code psql \copy}: per table, {@code psql -c "\copy (SELECT ...) TO STDOUT"} on the source piped into {@code
 *       psql -c "\copy t FROM STDIN"} on the destination, inside a load that is otherwise MigLab's (same schema
 *       phase, indexes and foreign keys after, ANALYZE), so the copy phases compare like for like;
 *   <li>{@code pg_restore -j N} of a {@code pg_dump -Fc} archive, into a fresh database, when a pg_dump fit for the
 *       source exists; the dump itself is timed apart, as it happens before a restore.
 * </ul>
 *
 * Both anchors run {@code repeats} times into a freshly created destination database, interleaved after the matrix,
 * and are compared by median. External programs write only into lab destinations (a guarded one gets neither).
 */
public final class LoaderBenchmark {
    private static final Pattern COPY_COUNT = Pattern.compile("COPY (\\d+)");

    private final LoaderService service;

    public LoaderBenchmark(Loaders loaders) {
        if (!(loaders instanceof LoaderService s)) {
            throw new IllegalArgumentException("The loader benchmark runs on MigLab's LoaderService");
        }
        this.service = s;
    }

    /** The default variants: every loader worth comparing on a data set of this size. */
    public static List<LoaderSettings> defaultVariants(boolean small) {
        List<LoaderSettings> v = new ArrayList<>();
        if (small) {
            v.add(LoaderSettings.of(LoaderKind.INSERT_ROW));
        }
        v.add(LoaderSettings.of(LoaderKind.INSERT_BATCH));
        v.add(LoaderSettings.of(LoaderKind.INSERT_MULTIROW));
        v.add(LoaderSettings.of(LoaderKind.COPY_TEXT));
        v.add(LoaderSettings.of(LoaderKind.COPY_BINARY));
        v.add(LoaderSettings.of(LoaderKind.COPY_PARALLEL).withWorkers(2));
        v.add(LoaderSettings.of(LoaderKind.COPY_PARALLEL).withWorkers(4));
        v.add(LoaderSettings.of(LoaderKind.COPY_TEXT).withDropIndexes(true));
        v.add(LoaderSettings.of(LoaderKind.COPY_PARALLEL).withWorkers(4).withDropIndexes(true));
        return v;
    }

    /** Rows below which the row-by-row INSERT loader joins the default variants (it is slow on anything bigger). */
    public static final long SMALL_ROWS = 100_000;

    public record Anchor(String name, List<Double> seconds, double medianSeconds, double copySeconds, String note) {}

    public record Result(
            long matrixExperimentId,
            Matrix matrix,
            Map<String, Double> copySeconds,
            List<Anchor> anchors,
            List<String> notes,
            List<String> lines) {}

    public Result run(
            LoadRequest request,
            List<LoaderSettings> variants,
            int repeats,
            int restoreWorkers,
            ProgressListener progress,
            Cancellation cancellation) {
        TargetConnector source = service.connector(request.source());
        TargetConnector destination = service.connector(request.destination());
        List<String> notes = new ArrayList<>();
        long sourceRows;
        int sourceMajor;
        String sourceDatabase;
        try (Connection sc = source.openOrExplain(request.sourceDatabase())) {
            sc.setAutoCommit(false);
            SourceCatalog.prepareSession(sc);
            List<LoadTable> tables = SourceCatalog.tables(sc, request.tables());
            sourceRows = tables.stream().mapToLong(LoadTable::estimatedRows).sum();
            sourceMajor = sc.getMetaData().getDatabaseMajorVersion();
            try (var st = sc.createStatement();
                    var rs = st.executeQuery("SELECT current_database()")) {
                rs.next();
                sourceDatabase = rs.getString(1);
            }
            sc.commit();
        } catch (SQLException e) {
            throw new MigLabException("Cannot read the source: " + e.getMessage(), e);
        }
        if (variants == null || variants.isEmpty()) {
            variants = defaultVariants(sourceRows <= SMALL_ROWS);
            if (sourceRows > SMALL_ROWS) {
                notes.add("insert-row left out: about " + sourceRows + " rows, more than " + SMALL_ROWS
                        + " (one statement and one commit per row); name it with --loaders to include it.");
            }
        }
        LoaderMatrix.Outcome outcome = LoaderMatrix.run(
                service, new MatrixRequest(request, variants, repeats), LoadObserver.NONE, progress, cancellation);
        String database = outcome.destinationDatabase();
        Map<String, Double> copySeconds = new LinkedHashMap<>();
        outcome.reports()
                .forEach((settings, reports) -> copySeconds.put(
                        settings.label(),
                        reports.isEmpty()
                                ? Double.NaN
                                : LoaderMatrix.median(reports.stream()
                                        .mapToDouble(r -> phase(r, "copy"))
                                        .toArray())));
        List<Anchor> anchors = new ArrayList<>();
        if (destination.target().guarded()) {
            notes.add("Anchors skipped: psql and pg_restore write only into lab destinations, and "
                    + destination.target().name() + " is guarded.");
        } else {
            anchors.add(psqlAnchor(request, database, repeats, progress, cancellation, notes));
            Anchor restore = restoreAnchor(
                    source,
                    sourceDatabase,
                    destination,
                    database,
                    sourceMajor,
                    repeats,
                    restoreWorkers,
                    progress,
                    cancellation,
                    notes);
            if (restore != null) {
                anchors.add(restore);
            }
        }
        anchors.removeIf(a -> a == null);
        List<String> lines = render(outcome.matrix(), copySeconds, anchors, notes, repeats);
        return new Result(outcome.matrix().experimentId(), outcome.matrix(), copySeconds, anchors, notes, lines);
    }

    private static double phase(LoadReport r, String name) {
        return r.phases().stream()
                .filter(p -> p.phase().equals(name))
                .mapToDouble(PhaseTime::seconds)
                .sum();
    }

    private Anchor psqlAnchor(
            LoadRequest request,
            String database,
            int repeats,
            ProgressListener progress,
            Cancellation cancellation,
            List<String> notes) {
        List<ClientTool> psqls = service.clientTools().all(Tool.PSQL);
        if (psqls.isEmpty()) {
            notes.add("psql \\copy anchor skipped: no psql on this machine.");
            return null;
        }
        ClientTool psql = psqls.get(0);
        LoaderService anchored = service.withCopy(
                (src, srcDb, dst, dstDb, tables, c) -> psqlCopy(psql, src, srcDb, dst, dstDb, tables, c),
                "anchor-psql-copy");
        List<Double> totals = new ArrayList<>();
        List<Double> copies = new ArrayList<>();
        LoadRequest r =
                request.withSettings(LoaderSettings.of(LoaderKind.COPY_TEXT).withDropIndexes(true));
        TargetConnector destination = service.connector(request.destination());
        for (int i = 0; i < repeats; i++) {
            cancellation.checkpoint();
            progress.report(Progress.indeterminate("Anchor psql \\copy, run " + (i + 1) + " of " + repeats));
            LoaderService.dropDatabase(destination, database);
            LoaderService.createDatabaseIfMissing(destination, database);
            LoadReport report = anchored.loadPrepared(
                            r,
                            new LoaderService.Destination(database, true),
                            LoadObserver.NONE,
                            ProgressListener.NONE,
                            cancellation)
                    .report();
            totals.add(report.seconds());
            copies.add(phase(report, "copy"));
        }
        return new Anchor(
                "psql \\copy",
                totals,
                LoaderMatrix.median(
                        totals.stream().mapToDouble(Double::doubleValue).toArray()),
                LoaderMatrix.median(
                        copies.stream().mapToDouble(Double::doubleValue).toArray()),
                "psql " + psql.major() + ", per table, indexes and foreign keys after, as MigLab's own load");
    }

    private static List<String> connection(ConnectionSpec spec, String database) {
        return List.of(
                "-h", spec.host(), "-p", Integer.toString(spec.port()), "-U", spec.effectiveUser(), "-d", database);
    }

    private static Map<String, Long> psqlCopy(
            ClientTool psql,
            TargetConnector source,
            String sourceDatabase,
            TargetConnector destination,
            String destinationDatabase,
            List<LoadTable> tables,
            Cancellation cancellation) {
        Map<String, Long> rows = new LinkedHashMap<>();
        String srcDb = sourceDatabase == null ? source.defaultDatabase() : sourceDatabase;
        for (LoadTable t : tables) {
            cancellation.checkpoint();
            List<String> out = new ArrayList<>(List.of(psql.path().toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1"));
            out.addAll(connection(source.target().connection(), srcDb));
            out.addAll(List.of("-c", "\\copy (SELECT " + t.columnList() + " FROM " + t.quoted() + ") TO STDOUT"));
            List<String> in = new ArrayList<>(List.of(psql.path().toString(), "-X", "-v", "ON_ERROR_STOP=1"));
            in.addAll(connection(destination.target().connection(), destinationDatabase));
            in.addAll(List.of("-c", "\\copy " + t.quoted() + " (" + t.columnList() + ") FROM STDIN"));
            ProcessBuilder reader = new ProcessBuilder(out).redirectError(ProcessBuilder.Redirect.DISCARD);
            reader.environment().put("PGOPTIONS", "-c default_transaction_read_only=on");
            ProcessBuilder writer = new ProcessBuilder(in).redirectErrorStream(true);
            try {
                List<Process> pipeline = ProcessBuilder.startPipeline(List.of(reader, writer));
                Process last = pipeline.get(1);
                try (Cancellation.Registration r = cancellation.onCancel(() -> pipeline.forEach(Process::destroy))) {
                    String text = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    int exitIn = last.waitFor();
                    int exitOut = pipeline.get(0).waitFor();
                    cancellation.checkpoint();
                    Matcher m = COPY_COUNT.matcher(text);
                    if (exitIn != 0 || exitOut != 0 || !m.find()) {
                        throw new MigLabException("psql \\copy of " + t.qualified() + " failed: "
                                + text.strip().lines().findFirst().orElse("exit " + exitOut + "/" + exitIn));
                    }
                    rows.put(t.qualified(), Long.parseLong(m.group(1)));
                }
            } catch (IOException e) {
                throw new MigLabException("Cannot run psql: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
        }
        return rows;
    }

    private Anchor restoreAnchor(
            TargetConnector source,
            String sourceDatabase,
            TargetConnector destination,
            String database,
            int sourceMajor,
            int repeats,
            int workers,
            ProgressListener progress,
            Cancellation cancellation,
            List<String> notes) {
        ClientTool pgDump;
        ClientTool pgRestore;
        int destinationMajor;
        try (Connection dc = destination.openOrExplain(LoaderService.maintenanceDatabase(database))) {
            destinationMajor = dc.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw new MigLabException("Cannot read the destination: " + e.getMessage(), e);
        }
        try {
            pgDump = service.clientTools().forServer(Tool.PG_DUMP, sourceMajor);
            pgRestore = service.clientTools().forRestore(Tool.PG_RESTORE, pgDump.major(), destinationMajor);
        } catch (MigLabException e) {
            notes.add("pg_restore anchor skipped: " + e.getMessage());
            return null;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("miglab-bench-dump");
            Path archive = dir.resolve("source.dump");
            progress.report(Progress.indeterminate("Anchor: pg_dump -Fc of the source"));
            List<String> dump = new ArrayList<>(List.of(
                    pgDump.path().toString(), "-Fc", "--no-owner", "--no-privileges", "-f", archive.toString()));
            dump.addAll(connection(source.target().connection(), sourceDatabase));
            long t0 = System.nanoTime();
            runProcess(dump, true, cancellation);
            double dumpSeconds = (System.nanoTime() - t0) / 1e9;
            List<Double> totals = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                cancellation.checkpoint();
                progress.report(Progress.indeterminate(
                        "Anchor pg_restore -j " + workers + ", run " + (i + 1) + " of " + repeats));
                LoaderService.dropDatabase(destination, database);
                LoaderService.createDatabaseIfMissing(destination, database);
                List<String> restore = new ArrayList<>(List.of(
                        pgRestore.path().toString(), "-j", Integer.toString(workers), "--no-owner", "--no-privileges"));
                restore.addAll(connection(destination.target().connection(), database));
                restore.add(archive.toString());
                long r0 = System.nanoTime();
                runProcess(restore, false, cancellation);
                totals.add((System.nanoTime() - r0) / 1e9);
            }
            return new Anchor(
                    "pg_restore -j " + workers,
                    totals,
                    LoaderMatrix.median(
                            totals.stream().mapToDouble(Double::doubleValue).toArray()),
                    Double.NaN,
                    String.format(
                            Locale.ROOT,
                            "pg_dump %d -Fc took %.2f s (%.1f MB archive), not counted; pg_restore %d",
                            pgDump.major(),
                            dumpSeconds,
                            Files.size(archive) / 1e6,
                            pgRestore.major()));
        } catch (IOException e) {
            throw new MigLabException("The pg_restore anchor failed: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temp folder left behind is not worth failing the benchmark for
                }
            }
        }
    }

    private static void runProcess(List<String> command, boolean readOnly, Cancellation cancellation) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (readOnly) {
            pb.environment().put("PGOPTIONS", "-c default_transaction_read_only=on");
        }
        try {
            Process p = pb.start();
            try (Cancellation.Registration r = cancellation.onCancel(p::destroy)) {
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int exit = p.waitFor();
                cancellation.checkpoint();
                if (exit != 0) {
                    throw new MigLabException(Path.of(command.get(0)).getFileName() + " failed (exit " + exit + "): "
                            + text.strip().lines().findFirst().orElse(""));
                }
            }
        } catch (IOException e) {
            throw new MigLabException("Cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    static List<String> render(
            Matrix matrix, Map<String, Double> copySeconds, List<Anchor> anchors, List<String> notes, int repeats) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "Loader matrix, experiment %d: %d variant(s) x %d run(s), each into a fresh destination database;"
                        + " median seconds of the whole load (schema, copy, indexes, constraints, ANALYZE)",
                matrix.experimentId(),
                matrix.rows().size(),
                repeats));
        Anchor psql = anchors.stream()
                .filter(a -> a.name().startsWith("psql"))
                .findFirst()
                .orElse(null);
        Anchor restore = anchors.stream()
                .filter(a -> a.name().startsWith("pg_restore"))
                .findFirst()
                .orElse(null);
        List<String> header = new ArrayList<>(List.of("variant", "median s", "copy s", "rows/s", "MB/s"));
        if (psql != null) {
            header.add("/ psql \\copy");
            header.add("copy / psql");
        }
        if (restore != null) {
            header.add("/ " + restore.name());
        }
        List<List<String>> rows = new ArrayList<>();
        for (MatrixRow r : matrix.rows()) {
            List<String> row = new ArrayList<>();
            row.add(r.settings().label());
            if (r.failure() != null && r.seconds().isEmpty()) {
                row.add("failed: " + r.failure());
                rows.add(row);
                continue;
            }
            double copy = copySeconds.getOrDefault(r.settings().label(), Double.NaN);
            row.add(fmt(r.medianSeconds(), 2));
            row.add(fmt(copy, 2));
            row.add(String.format(Locale.ROOT, "%,.0f", r.rowsPerSecond()));
            row.add(fmt(r.megabytesPerSecond(), 1));
            if (psql != null) {
                row.add(fmt(r.medianSeconds() / psql.medianSeconds(), 2) + "x");
                row.add(fmt(copy / psql.copySeconds(), 2) + "x");
            }
            if (restore != null) {
                row.add(fmt(r.medianSeconds() / restore.medianSeconds(), 2) + "x");
            }
            rows.add(row);
        }
        for (Anchor a : anchors) {
            List<String> row = new ArrayList<>();
            row.add("anchor: " + a.name());
            row.add(fmt(a.medianSeconds(), 2));
            row.add(Double.isNaN(a.copySeconds()) ? "-" : fmt(a.copySeconds(), 2));
            row.add("");
            row.add("");
            if (psql != null) {
                row.add(fmt(a.medianSeconds() / psql.medianSeconds(), 2) + "x");
                row.add(Double.isNaN(a.copySeconds()) ? "-" : fmt(a.copySeconds() / psql.copySeconds(), 2) + "x");
            }
            if (restore != null) {
                row.add(fmt(a.medianSeconds() / restore.medianSeconds(), 2) + "x");
            }
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                if (i < row.size()) {
                    widths[i] = Math.max(widths[i], row.get(i).length());
                }
            }
        }
        lines.add(line(header, widths));
        for (List<String> row : rows) {
            lines.add(line(row, widths));
        }
        if (!matrix.rows().isEmpty() && matrix.best().failure() == null && !Double.isNaN(matrix.margin())) {
            lines.add(String.format(
                    Locale.ROOT,
                    "Best: %s, %.2fx faster than the next (%s)%s.",
                    matrix.best().settings().label(),
                    matrix.margin(),
                    matrix.rows().get(1).settings().label(),
                    Double.isNaN(matrix.marginLow())
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    ", 95%% bootstrap interval %.2fx to %.2fx",
                                    matrix.marginLow(),
                                    matrix.marginHigh())));
        }
        lines.add("Ratios are time / anchor time: below 1x is faster than the anchor.");
        for (Anchor a : anchors) {
            lines.add("Anchor " + a.name() + ": " + a.note() + "; runs "
                    + a.seconds().stream().map(s -> fmt(s, 2)).toList() + " s.");
        }
        notes.forEach(n -> lines.add("Note: " + n));
        return lines;
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            if (i > 0) {
                b.append("  ");
            }
            b.append(i == 0 ? pad(c, widths[i]) : padLeft(c, widths[i]));
        }
        return b.toString().stripTrailing();
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private static String padLeft(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
