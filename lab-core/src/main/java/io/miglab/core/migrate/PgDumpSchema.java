package io.miglab.core.migrate;

import io.miglab.core.MigLabException;
import io.miglab.core.migrate.ClientTools.ClientTool;
import io.miglab.core.migrate.SchemaPlan.Kind;
import io.miglab.core.migrate.SchemaPlan.PostStatement;
import io.miglab.core.migrate.SourceCatalog.LoadTable;
import io.miglab.core.sql.SqlStatement;
import io.miglab.core.sql.SqlStatements;
import io.miglab.core.targets.ConnectionSpec;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The destination's DDL from {@code pg_dump --schema-only}: {@code --section=pre-data} (types, functions, sequences,
 * tables) as one script, and {@code --section=post-data} (indexes, keys, constraints, triggers) cut into statements,
 * each tagged with its table and kind so indexes can be built and foreign keys added after the copy. pg_dump reads
 * with the guard's read-only session ({@code PGOPTIONS=-c default_transaction_read_only=on}); its password, if any,
 * comes from the environment MigLab inherited (PGPASSWORD or the password file), never from the command line.
 */
final class PgDumpSchema {
    private static final Pattern INDEX = Pattern.compile("^CREATE (UNIQUE )?INDEX ", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALTER_TABLE =
            Pattern.compile("^ALTER TABLE (ONLY )?(\\S+)\\s+ADD CONSTRAINT ", Pattern.CASE_INSENSITIVE);
    private static final Pattern REFERENCES = Pattern.compile(" REFERENCES ([^(\\s]+)\\(");
    private static final Pattern ON_TABLE = Pattern.compile(" ON (?:ONLY )?(\\S+)");

    private PgDumpSchema() {}

    static SchemaPlan plan(
            ClientTool pgDump, ConnectionSpec source, String database, List<LoadTable> tables, List<String> sequences) {
        String pre = dump(pgDump, source, database, "pre-data");
        String post = dump(pgDump, source, database, "post-data");
        Map<String, String> tableOf = new HashMap<>();
        List<String> leaves = new ArrayList<>();
        for (LoadTable t : tables) {
            for (String member : t.memberDumpNames()) {
                tableOf.put(member, t.qualified());
            }
        }
        // Leaves: members that are not themselves partitioned; the root is a leaf when not partitioned.
        for (LoadTable t : tables) {
            if (!t.partitioned()) {
                leaves.add(t.quoted());
            }
        }
        List<PostStatement> statements = new ArrayList<>();
        StringBuilder clean = new StringBuilder();
        for (String line : post.split("\n", -1)) {
            if (!line.startsWith("\\")) { // psql meta-commands pg_dump writes (restrict, unrestrict)
                clean.append(line).append('\n');
            }
        }
        for (SqlStatement s : SqlStatements.split(clean.toString())) {
            String sql = s.text().strip();
            String upper = sql.toUpperCase(Locale.ROOT);
            if (upper.startsWith("SET ") || upper.startsWith("SELECT PG_CATALOG.SET_CONFIG")) {
                continue; // pg_dump's session settings: every name in its statements is qualified
            }
            Matcher alter = ALTER_TABLE.matcher(sql);
            if (INDEX.matcher(sql).find()) {
                Matcher on = ON_TABLE.matcher(sql);
                statements.add(new PostStatement(on.find() ? tableOf.get(on.group(1)) : null, Kind.INDEX, sql));
            } else if (alter.find()) {
                Kind kind = upper.contains(" FOREIGN KEY ") ? Kind.FOREIGN_KEY : Kind.CONSTRAINT;
                java.util.Set<String> locks = java.util.Set.of();
                Matcher references = REFERENCES.matcher(sql);
                if (kind == Kind.FOREIGN_KEY && references.find()) {
                    locks = java.util.Set.copyOf(List.of(alter.group(2), references.group(1)));
                }
                statements.add(new PostStatement(tableOf.get(alter.group(2)), kind, sql, locks));
            } else {
                Matcher on = ON_TABLE.matcher(sql);
                statements.add(new PostStatement(on.find() ? tableOf.get(on.group(1)) : null, Kind.OTHER, sql));
            }
        }
        // Foreign keys last, after every key and attached partition index they rely on.
        List<PostStatement> ordered = new ArrayList<>();
        statements.stream().filter(p -> p.kind() != Kind.FOREIGN_KEY).forEach(ordered::add);
        statements.stream().filter(p -> p.kind() == Kind.FOREIGN_KEY).forEach(ordered::add);
        return new SchemaPlan("pg_dump", pre, ordered, leaves, sequences);
    }

    /** The partition leaves of the tables, as pg_dump names them, for SET UNLOGGED. */
    static String dump(ClientTool pgDump, ConnectionSpec source, String database, String section) {
        List<String> command = new ArrayList<>(List.of(
                pgDump.path().toString(),
                "--schema-only",
                "--section=" + section,
                "--no-owner",
                "--no-privileges",
                "-h",
                source.host(),
                "-p",
                Integer.toString(source.port()),
                "-U",
                source.effectiveUser(),
                "-d",
                database));
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("PGOPTIONS", "-c default_transaction_read_only=on");
        if (source.sslMode() != null) {
            pb.environment().put("PGSSLMODE", source.sslMode());
        }
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            if (exit != 0) {
                String message = new String(err.join(), StandardCharsets.UTF_8).strip();
                throw new MigLabException("pg_dump --schema-only --section=" + section + " failed (exit " + exit + "): "
                        + message.lines().findFirst().orElse(""));
            }
            return out;
        } catch (IOException e) {
            throw new MigLabException("Cannot run " + pgDump.path() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.miglab.core.CancelledException();
        }
    }
}
