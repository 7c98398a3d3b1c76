package io.miglab.core.targets;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the connecting role may do on the server, in the server's own word (its catalogs and privilege functions),
 * not MigLab's. MigLab's read-only guard stops writes in MigLab; only a role the server refuses writes to stops them
 * everywhere, whatever the client.
 *
 * <p>Counts cover the target's database outside the system schemas ({@code pg_*}, {@code information_schema}).
 *
 * @param role the role connected as ({@code current_user})
 * @param writingRoles the predefined roles that let it write which it is a member of ({@code pg_write_all_data},
 *     {@code pg_write_server_files}, {@code pg_execute_server_program}); a superuser counts as a member of all
 * @param createOnDatabase CREATE on the database: it may create schemas
 * @param schemasWithCreate schemas it may create tables, functions and other objects in
 * @param ownedTables tables, materialized views and foreign tables it owns, itself or through a role whose rights
 *     it inherits; an owner may alter, truncate or drop them whatever was granted
 * @param writableTables tables it holds INSERT, UPDATE, DELETE or TRUNCATE on
 * @param writableSequences sequences it may advance (USAGE or UPDATE)
 */
public record RoleCapabilities(
        String role,
        String database,
        PgVersion serverVersion,
        boolean superuser,
        List<String> writingRoles,
        boolean createOnDatabase,
        int schemasWithCreate,
        int ownedTables,
        int writableTables,
        int writableSequences,
        boolean createDatabases,
        boolean createRoles) {

    public RoleCapabilities {
        writingRoles = List.copyOf(writingRoles);
    }

    /**
     * Plain SELECTs on catalog views and privilege functions, so the check passes MigLab's read-only gate. Roles are
     * looked up by oid, so a predefined role missing from an older server is skipped rather than an error; CASE keeps
     * the planner from asking has_sequence_privilege about a table.
     */
    private static final String QUERY =
            """
            WITH me AS (SELECT oid, rolname, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles
                        WHERE rolname = current_user),
                 rel AS (SELECT c.oid, c.relkind, c.relowner FROM pg_class c
                         JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema')
            SELECT me.rolname,
                   current_database(),
                   current_setting('server_version_num')::int,
                   me.rolsuper,
                   ARRAY(SELECT p.rolname::text FROM pg_roles p
                         WHERE p.rolname IN ('pg_write_all_data', 'pg_write_server_files', 'pg_execute_server_program')
                           AND pg_has_role(current_user, p.oid, 'MEMBER')
                         ORDER BY 1),
                   has_database_privilege(current_database(), 'CREATE'),
                   (SELECT count(*) FROM pg_namespace n
                     WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
                       AND has_schema_privilege(n.oid, 'CREATE')),
                   (SELECT count(*) FROM rel WHERE rel.relkind IN ('r', 'p', 'm', 'f')
                       AND (rel.relowner = me.oid OR (NOT me.rolsuper AND pg_has_role(rel.relowner, 'USAGE')))),
                   (SELECT count(*) FROM rel WHERE CASE WHEN rel.relkind IN ('r', 'p', 'f')
                       THEN has_table_privilege(rel.oid, 'INSERT, UPDATE, DELETE, TRUNCATE') END),
                   (SELECT count(*) FROM rel WHERE CASE WHEN rel.relkind = 'S'
                       THEN has_sequence_privilege(rel.oid, 'USAGE, UPDATE') END),
                   me.rolcreatedb,
                   me.rolcreaterole
            FROM me
            """;

    /** Asks the server over {@code connection}. */
    public static RoleCapabilities read(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(QUERY)) {
            if (!rs.next()) {
                throw new SQLException("The connected role is missing from pg_roles.");
            }
            Array roles = rs.getArray(5);
            List<String> writing = Arrays.asList((String[]) roles.getArray());
            return new RoleCapabilities(
                    rs.getString(1),
                    rs.getString(2),
                    new PgVersion(rs.getInt(3)),
                    rs.getBoolean(4),
                    writing,
                    rs.getBoolean(6),
                    rs.getInt(7),
                    rs.getInt(8),
                    rs.getInt(9),
                    rs.getInt(10),
                    rs.getBoolean(11),
                    rs.getBoolean(12));
        }
    }

    public boolean memberOfWriteAllData() {
        return writingRoles.contains("pg_write_all_data");
    }

    /** Whether the server would accept some write from this role, were MigLab not in the way. */
    public boolean serverAllowsWrites() {
        return !whatAllowsWrites().isEmpty();
    }

    /** Each thing that lets the role write, in plain words; empty when the server itself refuses writes. */
    public List<String> whatAllowsWrites() {
        List<String> reasons = new ArrayList<>();
        if (superuser) {
            reasons.add("it is a superuser");
        } else if (!writingRoles.isEmpty()) {
            reasons.add("it is a member of " + String.join(", ", writingRoles));
        }
        if (createOnDatabase) {
            reasons.add("it may CREATE schemas in database '" + database + "'");
        }
        if (schemasWithCreate > 0) {
            reasons.add("it may CREATE objects in " + count(schemasWithCreate, "schema"));
        }
        if (ownedTables > 0) {
            reasons.add("it owns " + count(ownedTables, "table"));
        }
        if (writableTables > 0) {
            reasons.add("it may write to " + count(writableTables, "table"));
        }
        if (writableSequences > 0) {
            reasons.add("it may advance " + count(writableSequences, "sequence"));
        }
        if (createDatabases) {
            reasons.add("it may create databases");
        }
        if (createRoles) {
            reasons.add("it may create roles");
        }
        return reasons;
    }

    /**
     * What this means for a guarded target, in plain words: whose guard stops writes, and when it is only MigLab's,
     * how to make it the server's.
     */
    public List<String> explainForGuardedTarget() {
        if (!serverAllowsWrites()) {
            return List.of("The server itself refuses writes from role '" + role + "': it is not a superuser, is in no"
                    + " role that writes, may create nothing in database '" + database + "', owns no table and may"
                    + " write to no table or sequence.");
        }
        String howTo = serverVersion.atLeast(14)
                ? "connect as a role granted only pg_read_all_data and pg_read_all_stats (PostgreSQL 14+; the"
                        + " statements that create one are in the README, under Safety)."
                : "connect as a role granted only SELECT on the tables you study (GRANT SELECT ON ALL TABLES IN"
                        + " SCHEMA ... TO ...) and pg_read_all_stats; this server is PostgreSQL "
                        + serverVersion.major()
                        + ", and pg_read_all_data, which reads everything in one grant, arrives with 14.";
        if (schemasWithCreate > 0 && !serverVersion.atLeast(15)) {
            howTo = howTo + " Before PostgreSQL 15 every role may CREATE in schema public; revoke that with REVOKE"
                    + " CREATE ON SCHEMA public FROM PUBLIC.";
        }
        return List.of(
                "The server lets role '" + role + "' write: " + String.join("; ", whatAllowsWrites()) + ".",
                "The read-only guard is MigLab's, not the server's: MigLab refuses writes while the target is locked, the server would accept"
                        + " them from this role.",
                "To have the server refuse them too, " + howTo);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
