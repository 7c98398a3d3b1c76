package io.miglab.core.script;

import io.miglab.core.Cancellation;
import io.miglab.core.CancelledException;
import io.miglab.core.MigLabException;
import io.miglab.core.Progress;
import io.miglab.core.ProgressListener;
import io.miglab.core.targets.ConnectionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs SQL scripts the way {@code psql -f} does, so the files people already have (pg_dump plain output, migration
 * scripts, sample databases such as Pagila) run unchanged.
 *
 * <p>Statements are cut by {@link ScriptLexer}; {@code COPY ... FROM stdin} data blocks, up to their {@code \.} line,
 * stream straight into pgjdbc's COPY protocol without being held in memory, so a dump of any size runs in constant
 * memory. The meta-commands such files contain are supported: {@code \connect}/{@code \c} (another database on the same
 * server), {@code \set ON_ERROR_STOP}, {@code \i}/{@code \include} (relative to the working directory), {@code
 * \ir}/{@code \include_relative} (relative to the including file), {@code \echo}, {@code \encoding}, and the {@code
 * \restrict}/<code>&#92;unrestrict</code> pair recent pg_dump versions write. Any other meta-command stops the script with an
 * error naming it and its line, because silently skipping it would run a different script than the user wrote.
 *
 * <p>Rows a query returns are read and dropped, as a script run has nowhere to print them. In autocommit mode pgjdbc
 * reads a result whole before dropping it, so a script that selects millions of rows needs the memory to hold them
 * for a moment; in single-transaction mode results stream in batches.
 *
 * <p>{@code SET client_encoding} is applied to how the file is read rather than sent to the server: pgjdbc always
 * talks UTF-8 and converts, exactly as psql converts from the client encoding.
 */
public final class ScriptRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptRunner.class);
    private static final Pattern COPY_FROM_STDIN =
            Pattern.compile("^COPY\\s.*\\sFROM\\s+STDIN\\b", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern COPY_TO_STDOUT =
            Pattern.compile("^COPY\\s.*\\sTO\\s+STDOUT\\b", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SET_CLIENT_ENCODING = Pattern.compile(
            "^SET\\s+(?:SESSION\\s+)?client_encoding\\s*(?:=|TO)\\s*'?([A-Za-z0-9_-]+)'?\\s*$",
            Pattern.CASE_INSENSITIVE);
    /** The table a COPY names, as written: {@code COPY public.actor (actor_id, ...) FROM stdin}. */
    private static final Pattern COPY_TARGET =
            Pattern.compile("^\\s*COPY\\s+((?:\"[^\"]*\"|[^\\s(\"])+)", Pattern.CASE_INSENSITIVE);

    private static final Pattern COPY_LINE = Pattern.compile("COPY [^,]+, line (\\d+)");
    private static final int MAX_INCLUDE_DEPTH = 32;
    private static final String INVALID_BYTE_SEQUENCE = "22021"; // PostgreSQL's character_not_in_repertoire
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

    private final ConnectionFactory connections;
    private final Consumer<String> notices;

    public ScriptRunner(ConnectionFactory connections) {
        this(connections, null);
    }

    private ScriptRunner(ConnectionFactory connections, Consumer<String> notices) {
        this.connections = connections;
        this.notices = notices;
    }

    /**
     * A runner that hands the text of every notice the server sends while a statement runs to {@code notices} (on
     * the running thread, after the statement), as psql prints them: a script timing reads auto_explain's plans from
     * them. Without it notices are dropped.
     */
    public ScriptRunner withNotices(Consumer<String> notices) {
        return new ScriptRunner(connections, notices);
    }

    /** Runs {@code files} in order on one session, as {@code psql -f a.sql -f b.sql} would. */
    public ScriptResult run(
            List<Path> files, ScriptOptions options, ProgressListener progress, Cancellation cancellation) {
        long total = 0;
        for (Path file : files) {
            try {
                total += Files.size(file);
            } catch (NoSuchFileException e) {
                throw new MigLabException("Script file not found: " + file);
            } catch (IOException e) {
                throw new MigLabException("Cannot read script file " + file + ": " + e.getMessage(), e);
            }
        }
        try (Session session = new Session(options, progress, cancellation, total)) {
            try {
                for (Path file : files) {
                    session.runFile(file, 0);
                }
            } catch (ScriptException e) {
                throw e.withResult(session.stoppedBy(e.error()));
            }
            return session.finish();
        }
    }

    /** Runs one script file. */
    public ScriptResult run(Path file, ScriptOptions options, ProgressListener progress, Cancellation cancellation) {
        return run(List.of(file), options, progress, cancellation);
    }

    /**
     * Runs a script from a stream (a resource, a download). {@code name} is used in messages; {@code directory}
     * resolves {@code \ir} includes and may be null (the working directory).
     */
    public ScriptResult run(
            String name,
            InputStream script,
            Path directory,
            ScriptOptions options,
            ProgressListener progress,
            Cancellation cancellation) {
        try (Session session = new Session(options, progress, cancellation, -1)) {
            try {
                session.runStream(name, script, directory, 0);
            } catch (ScriptException e) {
                throw e.withResult(session.stoppedBy(e.error()));
            }
            return session.finish();
        }
    }

    /** The state of one run: the connection, psql's variables that matter, counters. */
    private final class Session implements AutoCloseable {
        private final ScriptOptions options;
        private final ProgressListener progress;
        private final Cancellation cancellation;
        private final long totalBytes;
        private final long started = System.nanoTime();
        private final List<String> echo = new ArrayList<>();
        private final List<ScriptError> errors = new ArrayList<>();

        private Connection connection;
        private boolean stopOnError;
        private boolean restricted;
        private Charset charset = StandardCharsets.UTF_8;
        private int files;
        private long statements;
        private long rowsCopied;
        private final List<ScriptResult.Copy> copies = new ArrayList<>();
        private final long[] bytes = new long[1];
        private long lastReport;

        Session(ScriptOptions options, ProgressListener progress, Cancellation cancellation, long totalBytes) {
            this.options = options;
            this.progress = progress;
            this.cancellation = cancellation;
            this.totalBytes = totalBytes;
            this.stopOnError = options.stopOnError();
            cancellation.checkpoint();
            connect(options.database(), "the start");
        }

        void runFile(Path file, int depth) {
            InputStream in;
            try {
                in = Files.newInputStream(file);
            } catch (NoSuchFileException e) {
                throw new MigLabException("Script file not found: " + file);
            } catch (IOException e) {
                throw new MigLabException("Cannot read script file " + file + ": " + e.getMessage(), e);
            }
            Path dir = file.toAbsolutePath().getParent();
            runStream(file.toString(), in, dir, depth);
        }

        void runStream(String name, InputStream in, Path directory, int depth) {
            files++;
            try (LineSource source = new LineSource(in, bytes)) {
                ScriptLexer lexer = new ScriptLexer(source, () -> charset, this::standardConformingStrings);
                ScriptCommand command;
                while ((command = lexer.next()) != null) {
                    cancellation.checkpoint();
                    if (command instanceof ScriptCommand.Sql sql) {
                        if (!refusedForInvalidBytes(name, sql)) {
                            execute(name, sql, source, lexer);
                        }
                    } else if (command instanceof ScriptCommand.Meta meta) {
                        checkBytes(name, meta);
                        meta(name, directory, meta, depth);
                    }
                    report(name, lexer.lineNumber(), false);
                }
                report(name, lexer.lineNumber(), true);
            } catch (IOException e) {
                throw new MigLabException("Cannot read script " + name + ": " + e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw new MigLabException(
                        "Cannot read script " + name + ": " + e.getCause().getMessage(), e);
            }
        }

        /**
         * A statement with bytes that are not valid UTF-8 (only UTF-8 decoding marks them) fails as the server would
         * fail it, with psql's message, the file and the line of the first bad byte; it is never sent with U+FFFD in
         * place of what the file holds.
         */
        private boolean refusedForInvalidBytes(String file, ScriptCommand.Sql sql) {
            String text = sql.text();
            int bad = InvalidBytes.firstIn(text);
            if (bad < 0) {
                return false;
            }
            ScriptError error = new ScriptError(
                    file,
                    sql.line() + newlinesBefore(text, bad),
                    sql.line(),
                    InvalidBytes.displayed(sql.firstLine()),
                    "ERROR: " + InvalidBytes.message(text, bad),
                    INVALID_BYTE_SEQUENCE,
                    0);
            if (stopOnError || options.singleTransaction()) {
                throw new ScriptException(error, null);
            }
            LOG.warn("{}", error.describe());
            errors.add(error);
            return true;
        }

        private void checkBytes(String file, ScriptCommand.Meta meta) {
            String text = meta.name() + " " + meta.args();
            int bad = InvalidBytes.firstIn(text);
            if (bad >= 0) {
                throw new ScriptException(
                        new ScriptError(
                                file,
                                meta.line(),
                                meta.line(),
                                InvalidBytes.displayed(("\\" + text).strip()),
                                InvalidBytes.message(text, bad),
                                INVALID_BYTE_SEQUENCE,
                                0),
                        null);
            }
        }

        private boolean standardConformingStrings() {
            try {
                String value = connection.unwrap(PGConnection.class).getParameterStatus("standard_conforming_strings");
                return value == null || value.equalsIgnoreCase("on");
            } catch (SQLException e) {
                return true;
            }
        }

        private void execute(String file, ScriptCommand.Sql sql, LineSource source, ScriptLexer lexer)
                throws IOException {
            String text = sql.text();
            Matcher encoding = SET_CLIENT_ENCODING.matcher(text);
            if (encoding.matches()) {
                charset = charsetFor(encoding.group(1), file, sql.line(), sql.firstLine());
                statements++;
                return;
            }
            if (COPY_FROM_STDIN.matcher(text).find()) {
                lexer.skipRestOfLine();
                copy(file, sql, source);
                return;
            }
            if (COPY_TO_STDOUT.matcher(text).find()) {
                // psql prints the data; a script run has nowhere to print it, so it is read and dropped.
                try {
                    connection.unwrap(PGConnection.class).getCopyAPI().copyOut(text, OutputStream.nullOutputStream());
                    statements++;
                } catch (SQLException e) {
                    failed(file, sql, e, 0);
                }
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.setEscapeProcessing(false);
                statement.setFetchSize(1000); // streams result rows inside a single transaction; ignored otherwise
                try (Cancellation.Registration ignored = cancellation.onCancel(() -> cancelQuietly(statement))) {
                    statement.execute(text);
                } finally {
                    passNotices(statement);
                }
                statements++;
            } catch (SQLException e) {
                failed(file, sql, e, 0);
            }
        }

        /** The notices of {@code statement} so far, to the listener, if there is one; read, then cleared. */
        private void passNotices(Statement statement) {
            if (notices == null) {
                return;
            }
            try {
                for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
                    ServerErrorMessage server = w instanceof PSQLWarning p ? p.getServerErrorMessage() : null;
                    notices.accept(
                            server != null && server.getMessage() != null ? server.getMessage() : w.getMessage());
                }
                statement.clearWarnings();
            } catch (SQLException e) {
                LOG.debug("reading the notices of a statement: {}", e.getMessage());
            }
        }

        /** Streams the data lines after a {@code COPY ... FROM stdin} statement, up to {@code \.}, into the server. */
        private void copy(String file, ScriptCommand.Sql sql, LineSource source) throws IOException {
            int dataStart = source.lineNumber() + 1;
            long copyStarted = System.nanoTime();
            CopyIn copyIn = null;
            SQLException error = null;
            try {
                copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql.text());
            } catch (SQLException e) {
                error = e;
            }
            byte[] chunk = new byte[1 << 16];
            int filled = 0;
            long lines = 0;
            boolean ended = false;
            while (source.next()) {
                if (source.isEndOfCopy()) {
                    ended = true;
                    break;
                }
                if (error != null) {
                    continue; // skip the block's data, as psql does when the COPY itself failed
                }
                byte[] bytes = source.bytes();
                int length = source.length();
                if (charset != StandardCharsets.UTF_8) {
                    bytes = new String(bytes, 0, length, charset).getBytes(StandardCharsets.UTF_8);
                    length = bytes.length;
                }
                try {
                    if (filled + length > chunk.length) {
                        copyIn.writeToCopy(chunk, 0, filled);
                        filled = 0;
                    }
                    if (length > chunk.length) {
                        copyIn.writeToCopy(bytes, 0, length);
                    } else {
                        System.arraycopy(bytes, 0, chunk, filled, length);
                        filled += length;
                    }
                } catch (SQLException e) {
                    error = e;
                    cancelCopyQuietly(copyIn);
                }
                if ((++lines & 4095) == 0 && error == null) {
                    if (cancellation.isCancelled()) {
                        cancelCopyQuietly(copyIn);
                        throw new CancelledException();
                    }
                    report(file, source.lineNumber(), false);
                }
            }
            if (error == null) {
                try {
                    if (filled > 0) {
                        copyIn.writeToCopy(chunk, 0, filled);
                    }
                    long rows = copyIn.endCopy();
                    rowsCopied += rows;
                    statements++;
                    java.util.regex.Matcher target = COPY_TARGET.matcher(sql.text());
                    copies.add(new ScriptResult.Copy(
                            target.find() ? target.group(1) : "?",
                            rows,
                            Duration.ofNanos(System.nanoTime() - copyStarted)));
                } catch (SQLException e) {
                    error = e;
                    cancelCopyQuietly(copyIn);
                }
            }
            if (!ended) {
                LOG.debug(
                        "{}: COPY data starting at line {} ended at the end of the file without \\.", file, dataStart);
            }
            if (error != null) {
                failed(file, sql, error, dataStart - 1);
            }
        }

        private void meta(String file, Path directory, ScriptCommand.Meta meta, int depth) {
            String name = meta.name();
            if (restricted && !name.equals("unrestrict")) {
                throw metaError(file, meta, "meta-command \\" + name + " is not allowed after \\restrict");
            }
            // psql drops trailing semicolons from the arguments of \connect and \i: "\c mydb;" connects to mydb.
            List<String> args =
                    switch (name) {
                        case "connect", "c", "i", "include", "ir", "include_relative" -> MetaArguments
                                .splitStrippingSemicolons(meta.args());
                        default -> MetaArguments.split(meta.args());
                    };
            switch (name) {
                case "connect", "c" -> reconnect(file, meta, args);
                case "set" -> set(file, meta, args);
                case "i", "include" -> include(file, meta, args, Path.of(""), depth);
                case "ir", "include_relative" -> include(
                        file, meta, args, directory == null ? Path.of("") : directory, depth);
                case "echo" -> echo(args);
                case "encoding" -> {
                    if (!args.isEmpty()) {
                        charset = charsetFor(args.get(0), file, meta.line(), "\\encoding " + meta.args());
                    }
                }
                case "restrict" -> restricted = true;
                case "unrestrict" -> restricted = false;
                default -> throw metaError(
                        file,
                        meta,
                        "unsupported meta-command \\" + name
                                + " (supported: \\connect, \\c, \\set ON_ERROR_STOP, \\i, \\ir, \\echo, \\encoding)");
            }
        }

        private void reconnect(String file, ScriptCommand.Meta meta, List<String> args) {
            String database = null;
            int position = 0;
            for (String raw : args) {
                if (raw.startsWith("-reuse-previous")) {
                    continue;
                }
                String arg = MetaArguments.unquoteIdentifier(raw);
                if (position == 0) {
                    database = arg.contains("=") ? MetaArguments.conninfoDatabase(arg) : arg;
                } else if (!arg.equals("-")) {
                    throw metaError(
                            file,
                            meta,
                            "\\connect can only switch to another database on the same server; remove \"" + arg + "\"");
                }
                position++;
            }
            if (database == null || database.equals("-")) {
                throw metaError(file, meta, "\\connect needs a database name");
            }
            if (options.singleTransaction()) {
                throw metaError(file, meta, "\\connect cannot run inside a single transaction");
            }
            closeConnection();
            connect(database, file + ":" + meta.line());
        }

        private void set(String file, ScriptCommand.Meta meta, List<String> args) {
            if (args.isEmpty()) {
                throw metaError(file, meta, "\\set without a variable is not supported");
            }
            String variable = args.get(0);
            String value = String.join("", args.subList(1, args.size()));
            switch (variable) {
                case "ON_ERROR_STOP" -> stopOnError = parseBoolean(value, file, meta);
                    // psql display settings: they change what psql prints, not what runs.
                case "ECHO", "ECHO_HIDDEN", "QUIET", "VERBOSITY", "SHOW_CONTEXT", "PROMPT1", "PROMPT2" -> LOG.debug(
                        "{}:{}: ignoring display setting {}", file, meta.line(), variable);
                default -> throw metaError(
                        file,
                        meta,
                        "\\set " + variable + " is not supported: only ON_ERROR_STOP (variables are not interpolated)");
            }
        }

        private boolean parseBoolean(String value, String file, ScriptCommand.Meta meta) {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "on", "true", "1", "yes", "t", "y", "" -> {
                    return true;
                }
                case "off", "false", "0", "no", "f", "n" -> {
                    return false;
                }
                default -> throw metaError(file, meta, "ON_ERROR_STOP needs on or off, not \"" + value + "\"");
            }
        }

        private void include(String file, ScriptCommand.Meta meta, List<String> args, Path base, int depth) {
            if (args.isEmpty()) {
                throw metaError(file, meta, "\\" + meta.name() + " needs a file name");
            }
            if (depth + 1 > MAX_INCLUDE_DEPTH) {
                throw metaError(file, meta, "includes nested more than " + MAX_INCLUDE_DEPTH + " deep (a cycle?)");
            }
            Path target = base.resolve(args.get(0));
            if (!Files.isRegularFile(target)) {
                throw metaError(file, meta, "included file not found: " + target);
            }
            runFile(target, depth + 1);
        }

        private void echo(List<String> args) {
            boolean newline = true;
            List<String> words = args;
            if (!words.isEmpty() && words.get(0).equals("-n")) {
                newline = false;
                words = words.subList(1, words.size());
            }
            String text = String.join(" ", words);
            if (!newline) {
                LOG.debug("\\echo -n: the result keeps echo output as whole lines");
            }
            echo.add(text);
        }

        private Charset charsetFor(String encoding, String file, int line, String statement) {
            String normalized =
                    encoding.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
            String java =
                    switch (normalized) {
                        case "UTF8", "UNICODE" -> "UTF-8";
                        case "LATIN1", "ISO88591" -> "ISO-8859-1";
                        case "LATIN2", "ISO88592" -> "ISO-8859-2";
                        case "LATIN9", "ISO885915" -> "ISO-8859-15";
                        case "WIN1250" -> "windows-1250";
                        case "WIN1251" -> "windows-1251";
                        case "WIN1252" -> "windows-1252";
                        case "SQLASCII" -> "ISO-8859-1";
                        case "EUCJP" -> "EUC-JP";
                        case "SJIS" -> "Shift_JIS";
                        case "KOI8R", "KOI8" -> "KOI8-R";
                        default -> encoding;
                    };
            try {
                Charset result = Charset.forName(java);
                return result.equals(StandardCharsets.UTF_8) ? StandardCharsets.UTF_8 : result;
            } catch (IllegalArgumentException e) {
                throw new ScriptException(
                        new ScriptError(file, line, line, statement, "unknown encoding \"" + encoding + "\"", null, 0),
                        null);
            }
        }

        private void failed(String file, ScriptCommand.Sql sql, SQLException e, int copyHeaderLine) {
            if (cancellation.isCancelled()) {
                throw new CancelledException();
            }
            String message = e.getMessage();
            String state = e.getSQLState();
            int position = 0;
            int line = sql.line();
            if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                message = server.getSeverity() + ": " + server.getMessage();
                if (server.getDetail() != null) {
                    message += " (" + server.getDetail() + ")";
                }
                position = server.getPosition();
                if (position > 0) {
                    line = sql.line() + newlinesBefore(sql.text(), position - 1);
                }
                if (copyHeaderLine > 0 && server.getWhere() != null) {
                    Matcher copyLine = COPY_LINE.matcher(server.getWhere());
                    if (copyLine.find()) {
                        line = copyHeaderLine + Integer.parseInt(copyLine.group(1));
                        message += " [" + server.getWhere() + "]";
                    }
                }
            }
            ScriptError error = new ScriptError(file, line, sql.line(), sql.firstLine(), message, state, position);
            if (stopOnError || options.singleTransaction()) {
                throw new ScriptException(error, e);
            }
            LOG.warn("{}", error.describe());
            errors.add(error);
        }

        private ScriptException metaError(String file, ScriptCommand.Meta meta, String problem) {
            String command = ("\\" + meta.name() + " " + meta.args()).strip();
            return new ScriptException(
                    new ScriptError(file, meta.line(), meta.line(), command, problem, null, 0), null);
        }

        private void connect(String database, String where) {
            try {
                connection = database == null ? connections.open() : connections.open(database);
                if (options.singleTransaction()) {
                    connection.setAutoCommit(false);
                } else {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new MigLabException(
                        "Cannot connect to database " + (database == null ? "(default)" : "\"" + database + "\"")
                                + " at " + where + ": " + e.getMessage(),
                        e);
            }
        }

        private void report(String file, int line, boolean force) {
            long now = System.nanoTime();
            if (!force && now - lastReport < PROGRESS_INTERVAL_NANOS) {
                return;
            }
            lastReport = now;
            progress.report(Progress.of(
                    file + ":" + line + ", " + statements + " statements, " + rowsCopied + " rows copied",
                    bytes[0],
                    totalBytes));
        }

        /** What ran before {@code error} stopped the script; the transaction, if any, is rolled back on close. */
        ScriptResult stoppedBy(ScriptError error) {
            List<ScriptError> all = new ArrayList<>(errors);
            all.add(error);
            return new ScriptResult(
                    files,
                    statements,
                    rowsCopied,
                    bytes[0],
                    Duration.ofNanos(System.nanoTime() - started),
                    echo,
                    all,
                    error);
        }

        ScriptResult finish() {
            if (options.singleTransaction()) {
                try {
                    connection.commit();
                } catch (SQLException e) {
                    throw new MigLabException("The script's transaction failed to commit: " + e.getMessage(), e);
                }
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            ScriptResult result =
                    new ScriptResult(files, statements, rowsCopied, bytes[0], elapsed, echo, errors, null, copies);
            closeConnection();
            return result;
        }

        private void closeConnection() {
            if (connection == null) {
                return;
            }
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback(); // a no-op after commit; undoes everything after a failure
                }
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing the script connection: {}", e.getMessage());
            }
            connection = null;
        }

        @Override
        public void close() {
            closeConnection();
        }
    }

    private static int newlinesBefore(String text, int index) {
        int count = 0;
        int end = Math.min(index, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    private static void cancelQuietly(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException e) {
            LOG.debug("cancel: {}", e.getMessage());
        }
    }

    private static void cancelCopyQuietly(CopyIn copyIn) {
        try {
            if (copyIn != null && copyIn.isActive()) {
                copyIn.cancelCopy();
            }
        } catch (SQLException e) {
            LOG.debug("cancel copy: {}", e.getMessage());
        }
    }
}
