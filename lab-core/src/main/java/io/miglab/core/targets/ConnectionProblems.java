package io.miglab.core.targets;

import io.miglab.core.targets.ConnectionCheck.Problem;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Turns a failed connection attempt into what people need to know: which part failed (name lookup, network,
 * authentication, database, TLS) and what to try, in plain words.
 */
final class ConnectionProblems {
    private ConnectionProblems() {}

    record Diagnosis(Problem problem, String message) {}

    static Diagnosis diagnose(SQLException e, ConnectionSpec spec, int timeoutSeconds) {
        String where = spec.host() + ":" + spec.port();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        Throwable cause = rootCause(e);
        if (cause instanceof UnknownHostException) {
            return new Diagnosis(
                    Problem.HOST_UNKNOWN,
                    "The host name '" + spec.host() + "' cannot be resolved:"
                            + " check the spelling, or your DNS and VPN.");
        }
        if (cause instanceof ConnectException
                && String.valueOf(cause.getMessage()).contains("refused")) {
            return new Diagnosis(
                    Problem.CONNECTION_REFUSED,
                    "Nothing accepts connections at " + where
                            + " (connection refused): is PostgreSQL running there, on that port, and listening on that"
                            + " address?");
        }
        if (cause instanceof NoRouteToHostException || cause instanceof ConnectException) {
            return new Diagnosis(
                    Problem.HOST_UNREACHABLE,
                    "The host " + where + " is unreachable: " + cause.getMessage()
                            + ". Check the network path and firewalls.");
        }
        if (cause instanceof SocketTimeoutException) {
            return new Diagnosis(
                    Problem.TIMEOUT,
                    "No answer from " + where + " within " + timeoutSeconds
                            + " s: the host may be down, or a firewall drops the packets.");
        }
        if (cause instanceof SSLException || text.contains("ssl") || text.contains("certificate")) {
            return new Diagnosis(
                    Problem.TLS,
                    "The TLS (SSL) handshake with " + where + " failed: " + e.getMessage()
                            + ". Check sslmode (now " + (spec.sslMode() == null ? "prefer" : spec.sslMode())
                            + ") and the server's certificate.");
        }
        if (state.equals("28P01") || text.contains("password authentication failed")) {
            return new Diagnosis(
                    Problem.AUTHENTICATION,
                    "The server rejected the password for user '" + spec.effectiveUser()
                            + "'. Put the right one in ~/.pgpass or PGPASSWORD.");
        }
        if (state.equals("28000") || text.contains("no password") || text.contains("pg_hba.conf")) {
            return new Diagnosis(
                    Problem.AUTHENTICATION,
                    "The server refused user '" + spec.effectiveUser()
                            + "': " + e.getMessage()
                            + ". A password may be needed (~/.pgpass or PGPASSWORD), or pg_hba.conf"
                            + " has no entry for this client.");
        }
        if (state.equals("3D000")) {
            return new Diagnosis(
                    Problem.DATABASE_MISSING, "The server at " + where + " has no database '" + spec.database() + "'.");
        }
        if (state.equals("57P03")) {
            return new Diagnosis(
                    Problem.SERVER_NOT_READY,
                    "The server at " + where + " is starting up or shutting down; try again in a moment.");
        }
        if (state.equals("53300")) {
            return new Diagnosis(
                    Problem.TOO_MANY_CONNECTIONS,
                    "The server at " + where + " has no free connection slots (max_connections reached).");
        }
        if (state.startsWith("08")) {
            return new Diagnosis(Problem.HOST_UNREACHABLE, "Cannot connect to " + where + ": " + e.getMessage());
        }
        return new Diagnosis(Problem.OTHER, "Connecting to " + where + " failed: " + e.getMessage());
    }

    private static Throwable rootCause(Throwable e) {
        Throwable current = e;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
            if (current instanceof UnknownHostException
                    || current instanceof ConnectException
                    || current instanceof SocketTimeoutException
                    || current instanceof SSLException) {
                return current;
            }
        }
        return current;
    }
}
