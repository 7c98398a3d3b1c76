package io.miglab.core.targets;

import io.miglab.core.MigLabException;
import io.miglab.core.ledger.TargetFingerprint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Captures what an experiment ran against: the server version and a short hash of every setting that differs from
 * its default (name, value and unit), so two experiments on differently tuned servers are told apart at a glance.
 * Read-only: works on guarded targets.
 */
public final class ServerFingerprint {
    private ServerFingerprint() {}

    /**
     * @param dataset what data the experiment ran on (for example {@code pagila@1}), or null when unknown
     */
    public static TargetFingerprint capture(String targetName, Connection connection, String dataset)
            throws SQLException {
        String version = PgVersion.of(connection).toString();
        MessageDigest digest = sha256();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT name, setting, coalesce(unit, '') FROM pg_settings"
                        + " WHERE source NOT IN ('default', 'override', 'client', 'session')"
                        + " AND name NOT IN ('application_name', 'port', 'data_directory', 'config_file',"
                        + " 'hba_file', 'ident_file', 'external_pid_file', 'log_filename')"
                        + " ORDER BY name")) {
            while (rs.next()) {
                digest.update((rs.getString(1) + "=" + rs.getString(2) + rs.getString(3) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        return new TargetFingerprint(targetName, version, hash, dataset);
    }

    /**
     * Captures the fingerprint of a target on a connection of its own, for the commands and screens that record an
     * experiment on a named target.
     *
     * @throws MigLabException when the server cannot be reached or its settings cannot be read
     */
    public static TargetFingerprint capture(String targetName, TargetConnector connector, String dataset) {
        try (Connection c = connector.openOrExplain(null)) {
            return capture(targetName, c, dataset);
        } catch (SQLException e) {
            throw new MigLabException("Cannot read the server version of " + targetName + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
