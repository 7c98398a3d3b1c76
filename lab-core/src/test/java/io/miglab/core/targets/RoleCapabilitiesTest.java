package io.miglab.core.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.miglab.core.testing.ScratchDatabase;
import io.miglab.core.workspace.MigLabHome;
import io.miglab.core.workspace.Workspace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target test} reports the server's own word on what the role may do, on the machine's PostgreSQL: the
 * superuser could write (the guard is only MigLab's), a role granted only pg_read_all_data and pg_read_all_stats
 * cannot (the server refuses), and a role that owns a table or holds pg_write_all_data could.
 */
@Tag("postgres")
class RoleCapabilitiesTest {
    private static final String SUFFIX = Long.toString(ProcessHandle.current().pid());
    private static final String READER = "miglab_reader_" + SUFFIX;
    private static final String WRITER = "miglab_writer_" + SUFFIX;

    @TempDir
    static Path home;

    static ScratchDatabase db;
    static Workspace workspace;

    @BeforeAll
    static void rolesAndTables() throws SQLException {
        db = ScratchDatabase.create("caps");
        try (Connection c = DriverManager.getConnection(url("postgres"));
                Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + READER + " LOGIN");
            st.execute("GRANT pg_read_all_data TO " + READER);
            st.execute("GRANT pg_read_all_stats TO " + READER);
            st.execute("CREATE ROLE " + WRITER + " LOGIN");
            st.execute("GRANT pg_write_all_data TO " + WRITER);
        }
        db.execute(
                "CREATE TABLE film (id int PRIMARY KEY, title text)",
                "CREATE SEQUENCE film_seq",
                "CREATE TABLE writer_notes (id int)",
                "ALTER TABLE writer_notes OWNER TO " + WRITER);
        workspace = Workspace.open(new MigLabHome(home), System.getenv());
        workspace.targets().add("as-postgres", spec("postgres"), TargetRole.GUARDED);
        workspace.targets().add("as-reader", spec(READER), TargetRole.GUARDED);
        workspace.targets().add("as-writer", spec(WRITER), TargetRole.GUARDED);
    }

    @AfterAll
    static void dropRoles() throws SQLException {
        if (workspace != null) {
            workspace.close();
        }
        if (db != null) {
            db.close();
        }
        try (Connection c = DriverManager.getConnection(url("postgres"));
                Statement st = c.createStatement()) {
            st.execute("DROP ROLE IF EXISTS " + READER);
            st.execute("DROP ROLE IF EXISTS " + WRITER);
        }
    }

    @Test
    void theSuperuserCouldWriteSoTheGuardIsOnlyMigLabs() {
        RoleCapabilities caps = capabilities("as-postgres");

        assertThat(caps.role()).isEqualTo("postgres");
        assertThat(caps.superuser()).isTrue();
        assertThat(caps.memberOfWriteAllData()).isTrue();
        assertThat(caps.createOnDatabase()).isTrue();
        assertThat(caps.ownedTables()).as("film").isEqualTo(1);
        assertThat(caps.writableTables()).isEqualTo(2);
        assertThat(caps.serverAllowsWrites()).isTrue();
        assertThat(String.join("\n", caps.explainForGuardedTarget()))
                .contains("The server lets role 'postgres' write: it is a superuser")
                .contains("The read-only guard is MigLab's, not the server's")
                .contains("a role granted only pg_read_all_data and pg_read_all_stats (PostgreSQL 14+");
    }

    @Test
    void aRoleGrantedOnlyTheReadRolesIsRefusedWritesByTheServerItself() {
        RoleCapabilities caps = capabilities("as-reader");

        assertThat(caps.role()).isEqualTo(READER);
        assertThat(caps.superuser()).isFalse();
        assertThat(caps.writingRoles()).isEmpty();
        assertThat(caps.createOnDatabase()).isFalse();
        assertThat(caps.schemasWithCreate()).isZero();
        assertThat(caps.ownedTables()).isZero();
        assertThat(caps.writableTables()).isZero();
        assertThat(caps.writableSequences()).isZero();
        assertThat(caps.serverAllowsWrites()).isFalse();
        assertThat(caps.explainForGuardedTarget())
                .singleElement()
                .asString()
                .startsWith("The server itself refuses writes from role '" + READER + "'");
    }

    @Test
    void ownersAndMembersOfPgWriteAllDataCouldWrite() {
        RoleCapabilities caps = capabilities("as-writer");

        assertThat(caps.superuser()).isFalse();
        assertThat(caps.writingRoles()).containsExactly("pg_write_all_data");
        assertThat(caps.ownedTables()).isEqualTo(1);
        assertThat(caps.writableTables()).as("pg_write_all_data: both tables").isEqualTo(2);
        assertThat(caps.whatAllowsWrites())
                .contains("it is a member of pg_write_all_data", "it owns 1 table", "it may write to 2 tables");
    }

    @Test
    void theChecksPassAReadOnlySession() {
        ConnectionCheck check = workspace.targets().test("as-postgres", Duration.ofSeconds(5));
        assertThat(check.readOnly()).as("a locked guarded target").isTrue();
        assertThat(check.message()).doesNotContain("could not be read");
    }

    private static RoleCapabilities capabilities(String target) {
        ConnectionCheck check = workspace.targets().test(target, Duration.ofSeconds(5));
        assertThat(check.ok()).as(check.message()).isTrue();
        assertThat(check.capabilities()).as(check.message()).isNotNull();
        return check.capabilities();
    }

    private static ConnectionSpec spec(String user) {
        return ConnectionSpec.parseUrl(url(db.name()) + "?user=" + user).spec();
    }

    private static String url(String database) {
        return "jdbc:postgresql://" + ScratchDatabase.HOST + ":" + ScratchDatabase.PORT + "/" + database
                + (database.equals("postgres") ? "?user=" + ScratchDatabase.USER : "");
    }
}
