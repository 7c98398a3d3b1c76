package io.miglab.core.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionSpecTest {

    @Test
    void jdbcUrlKeepsHostPortDatabaseUserAndSslMode() {
        ConnectionSpec spec = ConnectionSpec.parseUrl(
                        "jdbc:postgresql://db.example.com:6543/app?user=alice&sslmode=require&connectTimeout=5")
                .spec();

        assertThat(spec.host()).isEqualTo("db.example.com");
        assertThat(spec.port()).isEqualTo(6543);
        assertThat(spec.database()).isEqualTo("app");
        assertThat(spec.user()).isEqualTo("alice");
        assertThat(spec.sslMode()).isEqualTo("require");
        assertThat(spec.options()).containsEntry("connectTimeout", "5");
        assertThat(spec.jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example.com:6543/app?user=alice&sslmode=require&connectTimeout=5");
    }

    @Test
    void passwordsAreDroppedFromBothUrlForms() {
        ConnectionSpec.Parsed jdbc = ConnectionSpec.parseUrl("jdbc:postgresql://h/db?user=u&password=s3cret");
        ConnectionSpec.Parsed libpq = ConnectionSpec.parseUrl("postgresql://u:s3cret@h:5433/db");

        assertThat(jdbc.passwordRemoved()).isTrue();
        assertThat(libpq.passwordRemoved()).isTrue();
        assertThat(jdbc.spec().jdbcUrl()).doesNotContain("s3cret");
        assertThat(libpq.spec().jdbcUrl()).isEqualTo("jdbc:postgresql://h:5433/db?user=u");
    }

    @Test
    void ipv6AndEscapedNamesRoundTrip() {
        ConnectionSpec spec = ConnectionSpec.parseUrl("postgresql://[::1]:5432/caf%C3%A9%20db")
                .spec();
        assertThat(spec.host()).isEqualTo("::1");
        assertThat(spec.database()).isEqualTo("café db");
        assertThat(ConnectionSpec.parseUrl(spec.jdbcUrl()).spec()).isEqualTo(spec);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "mysql://h/db | must start with jdbc:postgresql://",
                "jdbc:postgresql://h:abc/db | Port 'abc'",
                "jdbc:postgresql://h:70000/db | Port '70000'",
                "jdbc:postgresql://a,b/db | several hosts",
                "jdbc:postgresql://[::1/db | closing ']'",
                "jdbc:postgresql:///db | no host name",
                "jdbc:postgresql://h/db?sslmode=sometimes | not an sslmode",
                "jdbc:postgresql://h/db%zz | bad %-escape",
            })
    void malformedUrlsSayWhatIsWrong(String url, String expected) {
        assertThatThrownBy(() -> ConnectionSpec.parseUrl(url))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void errorMessagesNeverEchoAPassword() {
        assertThatThrownBy(() -> ConnectionSpec.parseUrl("mysql://u:hunter2@h/db?password=hunter2"))
                .isInstanceOf(MigLabException.class)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void libpqEnvironmentGivesDefaultsLikePsql() {
        ConnectionSpec spec = ConnectionSpec.fromEnvironment(
                Map.of("PGHOST", "pg.internal", "PGPORT", "5544", "PGUSER", "migrator", "PGSSLMODE", "verify-full"));

        assertThat(spec.host()).isEqualTo("pg.internal");
        assertThat(spec.port()).isEqualTo(5544);
        assertThat(spec.user()).isEqualTo("migrator");
        assertThat(spec.database()).as("database defaults to the user").isEqualTo("migrator");
        assertThat(spec.sslMode()).isEqualTo("verify-full");
    }
}
