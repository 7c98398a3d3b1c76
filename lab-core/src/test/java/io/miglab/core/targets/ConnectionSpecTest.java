package io.miglab.core.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miglab.core.MigLabException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** One password per special character the URL syntax gives a meaning to, raw and %-escaped. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "p@ss",
                "@leading",
                "trailing@",
                "pa/ss",
                "/",
                "a&b=c",
                "x:y:z",
                "hash#tag",
                "#",
                "p%40ss",
                "p%2Fss%26x%3Ay%23z%3Fq",
                "all@/&:#of=them@once",
                "100%sure",
                "ends/with@db.example.com:6543/app"
            })
    void passwordsWithSpecialCharactersLeaveUserHostPortAndDatabaseIntact(String password) {
        for (String scheme : new String[] {"postgresql://", "jdbc:postgresql://"}) {
            ConnectionSpec.Parsed parsed = ConnectionSpec.parseUrl(
                    scheme + "al%40ice:" + password + "@db.example.com:6543/app?sslmode=require&ApplicationName=x@y");

            ConnectionSpec spec = parsed.spec();
            assertThat(parsed.passwordRemoved()).isTrue();
            assertThat(spec.user()).isEqualTo("al@ice");
            assertThat(spec.host()).isEqualTo("db.example.com");
            assertThat(spec.port()).isEqualTo(6543);
            assertThat(spec.database()).isEqualTo("app");
            assertThat(spec.sslMode()).isEqualTo("require");
            assertThat(spec.options()).containsExactly(Map.entry("ApplicationName", "x@y"));
            if (password.length() >= 4) {
                assertThat(spec.jdbcUrl()).doesNotContain(password);
            }
        }
    }

    @Test
    void aUserInTheQueryMayHoldAnAt() {
        ConnectionSpec spec = ConnectionSpec.parseUrl("jdbc:postgresql://h:5432/db?user=me@server")
                .spec();
        assertThat(spec.host()).isEqualTo("h");
        assertThat(spec.user()).isEqualTo("me@server");
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
    @ValueSource(
            strings = {"localhost", "db.example.com", "db.example.com.", "my_db", "10.0.0.1", "[::1]", "[2001:db8::5]"})
    void goodHostsAreAccepted(String host) {
        assertThat(ConnectionSpec.parseUrl("postgresql://" + host + ":5432/db")
                        .spec()
                        .host())
                .isEqualTo(host.replace("[", "").replace("]", ""));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // hosts
                "jdbc:postgresql://ba d/db | The host 'ba d'",
                "jdbc:postgresql://exa..mple.com/db | The host 'exa..mple.com'",
                "jdbc:postgresql://-lead.example.com/db | The host '-lead.example.com'",
                "jdbc:postgresql://h\u00f3st/db | The host 'h\u00f3st'",
                "jdbc:postgresql://999.1.1.1/db | The host '999.1.1.1'",
                "jdbc:postgresql://1.2.3/db | The host '1.2.3'",
                "jdbc:postgresql://[::g]/db | The host '::g'",
                "jdbc:postgresql://[1::2::3]:5432/db | The host '1::2::3'",
                "jdbc:postgresql://::1/db | IPv6 address in brackets",
                "jdbc:postgresql://[::1/db | closing ']'",
                "jdbc:postgresql://[::1]x/db | after the IPv6 address",
                "jdbc:postgresql:///db | no host name",
                "jdbc:postgresql://a,b/db | several hosts",
                // ports
                "jdbc:postgresql://h:abc/db | The port in the URL must be a number from 1 to 65535",
                "jdbc:postgresql://h:0/db | The port in the URL must be a number from 1 to 65535",
                "jdbc:postgresql://h:65536/db | The port in the URL must be a number from 1 to 65535",
                "jdbc:postgresql://h:-1/db | The port in the URL must be a number from 1 to 65535",
                "jdbc:postgresql://h:/db | The port in the URL must be a number from 1 to 65535",
                "jdbc:postgresql://h:99999999999999999999/db | The port in the URL must be a number from 1 to 65535",
                // databases
                "jdbc:postgresql://h/%20 | The database name is empty",
                "jdbc:postgresql://h/a%00b | The database name holds a NUL character",
                "jdbc:postgresql://h/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | is 64 bytes long",
                "jdbc:postgresql://h/%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9 | is 64 bytes long",
                "jdbc:postgresql://h/db%zz | bad %-escape in the database name",
                // the rest
                "mysql://h/db | must start with jdbc:postgresql://",
                "jdbc:postgresql://h/db?sslmode=sometimes | not an sslmode",
            })
    void malformedUrlsNameThePartThatIsWrong(String url, String expected) {
        assertThatThrownBy(() -> ConnectionSpec.parseUrl(url))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void sixtyThreeByteDatabaseNamesAreTheLongestAccepted() {
        String name = "a".repeat(63);
        assertThat(ConnectionSpec.parseUrl("postgresql://h/" + name).spec().database())
                .isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "connectTimeout",
                "socketTimeout",
                "loginTimeout",
                "tcpKeepAlive",
                "ApplicationName",
                "currentSchema",
                "sslrootcert",
                "sslcert",
                "sslkey",
                "gssEncMode",
                "kerberosServerName",
                "channelBinding",
                "prepareThreshold",
                "defaultRowFetchSize",
                "binaryTransfer"
            })
    void harmlessDriverOptionsAreKeptInTheirOwnSpelling(String option) {
        ConnectionSpec spec = ConnectionSpec.parseUrl("postgresql://h/db?" + option.toLowerCase() + "=v")
                .spec();
        assertThat(spec.options()).containsExactly(Map.entry(option, "v"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "options=-c%20default_transaction_read_only%3Doff | default_transaction_read_only",
                "OPTIONS=x | read-only guard",
                "readOnly=false | read-only mode",
                "readOnlyMode=never | read-only mode",
                "preferQueryMode=simple | several statements",
                "replication=database | replication",
                "autosave=always | savepoints",
                "socketFactory=com.example.Evil | load a Java class",
                "socketFactoryArg=x | load a Java class",
                "sslfactory=com.example.Evil | load a Java class",
                "sslfactoryarg=x | load a Java class",
                "sslhostnameverifier=com.example.Evil | load a Java class",
                "sslpasswordcallback=com.example.Evil | load a Java class",
                "authenticationPluginClassName=com.example.Evil | load a Java class",
                "loggerFile=/tmp/pgjdbc.log | writes files",
                "loggerLevel=TRACE | writes files",
                "service=prod | service file",
                "somethingNew=1 | known to be harmless",
            })
    void optionsThatDefeatTheGuardOrLoadCodeAreRefusedSayingWhy(String query, String why) {
        String key = query.substring(0, query.indexOf('='));
        assertThatThrownBy(() -> ConnectionSpec.parseUrl("jdbc:postgresql://h/db?user=u&" + query))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("Connection option '" + key + "' is not allowed")
                .hasMessageContaining(why)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void specsBuiltInCodeObeyTheSameRules() {
        assertThatThrownBy(() -> new ConnectionSpec("h", 5432, "db", null, null, Map.of("readOnlyMode", "never")))
                .isInstanceOf(MigLabException.class)
                .hasMessageContaining("'readOnlyMode' is not allowed");
        assertThatThrownBy(() -> new ConnectionSpec("bad host", 5432, "db", null, null, Map.of()))
                .hasMessageContaining("The host 'bad host'");
        assertThatThrownBy(() -> new ConnectionSpec("h", 70000, "db", null, null, Map.of()))
                .hasMessageContaining("Port 70000");
        assertThat(ConnectionOptions.allowedOnly(Map.of("options", "-c x=y", "connecttimeout", "3")))
                .containsExactly(Map.entry("connectTimeout", "3"));
    }

    static Stream<String> badUrlsHoldingAPassword() {
        String p = "S3cr#t/P@ss&w:rd=1";
        return Stream.of(
                "mysql://u:" + p + "@h/db",
                "postgresql://u:" + p + "@ba d/db",
                "postgresql://u:" + p + "@h:99999/db",
                "postgresql://u:" + p + "@h/a%00b",
                "postgresql://u:" + p + "@h/db%zz",
                "postgresql://u:" + p + "@h/db?readOnlyMode=never",
                "postgresql://u:" + p + "@h/db?unknownThing=1",
                "postgresql://u:" + p + "@h/db?sslmode=nope",
                "postgresql://u:" + p + "@a,b/db",
                // a raw '?' cuts the password: the pieces land in the port or the options
                "postgresql://u:S3cr?t/P@ss&w:rd=1@h/db",
                "postgresql://u:5432?S3cr=t/P@ss&w:rd=1@h/db",
                // a password in the query, holding the '&' that separates options
                "jdbc:postgresql://h/db?user=u&password=S3cr#t/P@ss&w:rd=1",
                "jdbc:postgresql://h:0/db?pass%77ord=S3cr#t/P@ss&w:rd=1",
                // the '@' forgotten: what follows the ':' is taken for the port
                "postgresql://u:S3cr#t/P");
    }

    /** No four characters of the password in a row appear in the message, wherever the URL went wrong. */
    @ParameterizedTest
    @MethodSource("badUrlsHoldingAPassword")
    void errorMessagesNeverShowAnyPartOfAPassword(String url) {
        assertThatThrownBy(() -> ConnectionSpec.parseUrl(url))
                .isInstanceOf(MigLabException.class)
                .satisfies(e -> {
                    String shown = e.getMessage() + " " + ((MigLabException) e).hint();
                    String password = "S3cr#t/P@ss&w:rd=1";
                    for (int i = 0; i + 4 <= password.length(); i++) {
                        assertThat(shown).as(url).doesNotContain(password.substring(i, i + 4));
                    }
                    assertThat(shown).doesNotContain("S3cr");
                });
    }

    @Test
    void redactUrlHidesUserInfoAndEverythingFromAPasswordParameterOn() {
        assertThat(ConnectionSpec.redactUrl("postgresql://u:a@b/c@h:5432/db")).isEqualTo("postgresql://***@h:5432/db");
        assertThat(ConnectionSpec.redactUrl("jdbc:postgresql://h/db?user=u&password=a&b=c&sslmode=require"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=***");
        assertThat(ConnectionSpec.redactUrl("jdbc:postgresql://h/db?sslpassword=x"))
                .doesNotContain("x");
        assertThat(ConnectionSpec.redactUrl("u:secret@h")).isEqualTo("***@h");
        assertThat(ConnectionSpec.redactUrl(null)).isEmpty();
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

    @Test
    void badEnvironmentValuesAreRefusedToo() {
        assertThatThrownBy(() -> ConnectionSpec.fromEnvironment(Map.of("PGPORT", "5x")))
                .hasMessageContaining("The port in PGPORT must be a number from 1 to 65535");
        assertThatThrownBy(() -> ConnectionSpec.fromEnvironment(Map.of("PGHOST", "no such host")))
                .hasMessageContaining("The host 'no such host'");
    }

    @Test
    void formPartsGetTheSpecsOwnMessageOneByOne() {
        assertThat(ConnectionSpec.hostProblem("db.example.com")).isEmpty();
        assertThat(ConnectionSpec.hostProblem("[::1]")).isEmpty();
        assertThat(ConnectionSpec.hostProblem("bad host!"))
                .contains("The host 'bad host!' is not a host name, an IPv4 address or an IPv6 address in brackets.");
        assertThat(ConnectionSpec.hostProblem(" ")).contains("A connection needs a host.");
        assertThat(ConnectionSpec.portProblem("5432")).isEmpty();
        assertThat(ConnectionSpec.portProblem("99999")).contains("Port 99999 is out of range (1-65535).");
        assertThat(ConnectionSpec.portProblem("54x")).contains("The port must be a number from 1 to 65535.");
        assertThat(ConnectionSpec.databaseProblem("app")).isEmpty();
        assertThat(ConnectionSpec.databaseProblem("")).contains("A connection needs a database name.");
        assertThat(ConnectionSpec.databaseProblem("d".repeat(64)))
                .hasValueSatisfying(m -> assertThat(m).contains("64 bytes long"));
    }
}
