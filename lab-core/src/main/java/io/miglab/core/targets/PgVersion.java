package io.miglab.core.targets;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server version, from {@code server_version_num} (for example 160015 is 16.15). Version-dependent
 * SQL keys off this one type: {@code version.atLeast(13)}.
 */
public record PgVersion(int number) implements Comparable<PgVersion> {

    public static PgVersion of(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return new PgVersion(Integer.parseInt(rs.getString(1).trim()));
        }
    }

    public int major() {
        return number / 10000;
    }

    public int minor() {
        return number % 10000;
    }

    public boolean atLeast(int major) {
        return major() >= major;
    }

    @Override
    public int compareTo(PgVersion other) {
        return Integer.compare(number, other.number);
    }

    @Override
    public String toString() {
        return major() + "." + minor();
    }
}
