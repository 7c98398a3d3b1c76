package io.miglab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.miglab.core.testing.MachineServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code miglab target ...} in-process: bad input is one line and exit 1; unlocks and role reports end to end. */
class TargetCommandTest {
    private static final String SERVICE = "jdbc:postgresql://127.0.0.1:5432/postgres";

    @TempDir
    Path home;

    CliRun miglab(String... args) {
        return CliRun.in(home, args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "1441", "99999999999999999999", "9223372036854775808", "abc", "1.5", "", "60m"})
    void absurdUnlockMinutesAreOneLineErrors(String minutes) {
        assertThat(miglab("target", "add", "prod", "--url", SERVICE + "?user=postgres")
                        .code())
                .isZero();

        CliRun unlock = miglab("target", "unlock", "prod", "--reason", "migrate", "--minutes", minutes);

        assertThat(unlock.code()).as(unlock.err()).isEqualTo(1);
        assertThat(unlock.err().strip())
                .startsWith("miglab: --minutes takes a whole number of minutes from 1 to 1440 (24 hours)")
                .doesNotContain("\n")
                .doesNotContain("Exception");
        assertThat(miglab("target", "list").out()).contains("read-only");
    }

    @Test
    void aDayIsTheLongestUnlockAndTheListShowsWhatIsLeft() throws Exception {
        miglab("target", "add", "prod", "--url", SERVICE + "?user=postgres");

        CliRun unlock = miglab("target", "unlock", "prod", "--reason", "long migration", "--minutes", "1440");
        assertThat(unlock.code()).as(unlock.err()).isZero();
        assertThat(unlock.out()).contains("Writes to 'prod' are allowed until");

        assertThat(miglab("target", "list").out()).contains("unlocked, 24 h left");
        JsonNode listed = miglab("target", "list", "--json").json().get(0);
        assertThat(listed.get("writes").asText()).startsWith("unlocked, 24 h left");
        assertThat(listed.get("id").asLong()).isPositive();

        assertThat(miglab("target", "lock", "prod").code()).isZero();
        assertThat(miglab("target", "list").out()).contains("read-only");
    }

    @Test
    void anUnlockDoesNotSurviveRemoveAndAddUnderTheSameName() throws Exception {
        miglab("target", "add", "prod", "--url", SERVICE + "?user=postgres");
        miglab("target", "unlock", "prod", "--reason", "migrate", "--minutes", "30");
        assertThat(miglab("target", "remove", "prod").code()).isZero();
        miglab("target", "add", "prod", "--url", SERVICE + "?user=postgres");

        assertThat(miglab("target", "list", "--json")
                        .json()
                        .get(0)
                        .get("writes")
                        .asText())
                .isEqualTo("read-only");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "jdbc:postgresql://bad_host!/db | The host 'bad_host!' is not a host name",
                "jdbc:postgresql://h:70000/db | The port in the URL must be a number from 1 to 65535",
                "jdbc:postgresql://h/a%00b | The database name holds a NUL character",
                "jdbc:postgresql://h/db?options=-c%20x%3Dy | Connection option 'options' is not allowed",
                "jdbc:postgresql://h/db?readOnlyMode=never | Connection option 'readOnlyMode' is not allowed",
                "postgresql://u:p%40ss@h:0/db | The port in the URL must be a number",
            })
    void badUrlPartsAreOneLineErrorsAndNothingIsStored(String url, String message) throws Exception {
        CliRun add = miglab("target", "add", "x", "--url", url);

        assertThat(add.code()).isEqualTo(1);
        assertThat(add.err().strip()).isEqualTo("miglab: " + add.err().strip().substring(8));
        assertThat(add.err().strip()).contains(message).doesNotContain("\n");
        assertThat(miglab("target", "list", "--json").json().findValuesAsText("name"))
                .doesNotContain("x");
    }

    @Test
    void aPasswordFullOfUrlCharactersIsDroppedAndShownNowhere() throws Exception {
        String password = "Pa@ss/w&rd:x#1";
        CliRun add = miglab(
                "target",
                "add",
                "prod",
                "--url",
                "postgresql://postgres:" + password + "@127.0.0.1:5432/postgres?connectTimeout=3");

        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.err()).contains("password in the URL was not stored");
        assertThat(add.out()).contains("postgres@127.0.0.1:5432/postgres");
        String everything = add.out()
                + add.err()
                + miglab("target", "list").out()
                + miglab("target", "list", "--json").out()
                + Files.readString(home.resolve("lab.db"), StandardCharsets.ISO_8859_1);
        for (String piece : new String[] {"Pa@s", "ss/w", "w&rd", "rd:x", "x#1"}) {
            assertThat(everything).doesNotContain(piece);
        }
    }

    @Test
    void targetTestAsTheSuperuserSaysWritesArePossibleAndHowToRemoveTheRisk() throws Exception {
        MachineServices.assumePostgres();
        miglab("target", "add", "prod", "--url", SERVICE + "?user=postgres");

        CliRun text = miglab("target", "test", "prod");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out())
                .contains("read-only: guarded target")
                .contains("The server lets role 'postgres' write: it is a superuser")
                .contains("The read-only guard is MigLab's, not the server's")
                .contains("connect as a role granted only pg_read_all_data and pg_read_all_stats (PostgreSQL 14+");

        JsonNode json = miglab("target", "test", "prod", "--json").json();
        JsonNode caps = json.get("capabilities");
        assertThat(caps.get("superuser").asBoolean()).isTrue();
        assertThat(caps.get("memberOfWriteAllData").asBoolean()).isTrue();
        assertThat(caps.get("createOnDatabase").asBoolean()).isTrue();
        assertThat(caps.get("serverAllowsWrites").asBoolean()).isTrue();
        assertThat(caps.get("guard").asText()).isEqualTo("miglab");
        assertThat(caps.has("ownedTables")).isTrue();
    }

    @Test
    void targetTestAsAReadOnlyRoleSaysTheServerItselfRefusesWrites() throws Exception {
        MachineServices.assumePostgres();
        String role = "miglab_cli_reader_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(SERVICE + "?user=postgres");
                Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + role + " LOGIN");
            st.execute("GRANT pg_read_all_data TO " + role);
            st.execute("GRANT pg_read_all_stats TO " + role);
        }
        try {
            miglab("target", "add", "reader", "--url", SERVICE + "?user=" + role);

            CliRun text = miglab("target", "test", "reader");
            assertThat(text.code()).as(text.err()).isZero();
            assertThat(text.out())
                    .contains("The server itself refuses writes from role '" + role + "'")
                    .doesNotContain("MigLab's, not the server's");

            JsonNode caps = miglab("target", "test", "reader", "--json").json().get("capabilities");
            assertThat(caps.get("superuser").asBoolean()).isFalse();
            assertThat(caps.get("memberOfWriteAllData").asBoolean()).isFalse();
            assertThat(caps.get("serverAllowsWrites").asBoolean()).isFalse();
            assertThat(caps.get("guard").asText()).isEqualTo("server");
        } finally {
            try (Connection c = DriverManager.getConnection(SERVICE + "?user=postgres");
                    Statement st = c.createStatement()) {
                st.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }
}
