package io.miglab.core.targets;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which pgjdbc connection properties a target may carry. Only an allow-list of harmless ones passes: timeouts, TLS
 * files, Kerberos/GSS settings, fetch and prepare tuning. The rest either defeat MigLab's read-only guard (they set
 * session settings, the transaction mode or the query protocol), or make the driver load classes or write files. An
 * unknown property is refused too: a future pgjdbc property is not harmless until someone has read what it does.
 */
final class ConnectionOptions {
    /** Harmless pgjdbc properties, by lower-case name, to their canonical spelling (pgjdbc's names are exact). */
    private static final Map<String, String> ALLOWED = Stream.of(
                    "adaptiveFetch",
                    "adaptiveFetchMaximum",
                    "adaptiveFetchMinimum",
                    "ApplicationName",
                    "assumeMinServerVersion",
                    "binaryTransfer",
                    "binaryTransferDisable",
                    "binaryTransferEnable",
                    "cancelSignalTimeout",
                    "channelBinding",
                    "connectTimeout",
                    "currentSchema",
                    "databaseMetadataCacheFields",
                    "databaseMetadataCacheFieldsMiB",
                    "defaultRowFetchSize",
                    "disableColumnSanitiser",
                    "gssEncMode",
                    "gsslib",
                    "gssResponseTimeout",
                    "gssUseDefaultCreds",
                    "hideUnprivilegedObjects",
                    "jaasApplicationName",
                    "jaasLogin",
                    "kerberosServerName",
                    "loginTimeout",
                    "logServerErrorDetail",
                    "logUnclosedConnections",
                    "maxResultBuffer",
                    "maxSendBufferSize",
                    "pemKeyAlgorithm",
                    "preparedStatementCacheQueries",
                    "preparedStatementCacheSizeMiB",
                    "prepareThreshold",
                    "queryTimeout",
                    "quoteReturningIdentifiers",
                    "receiveBufferSize",
                    "requireAuth",
                    "scramMaxIterations",
                    "sendBufferSize",
                    "socketTimeout",
                    "ssl",
                    "sslcert",
                    "sslkey",
                    "sslNegotiation",
                    "sslResponseTimeout",
                    "sslrootcert",
                    "sspiServiceClass",
                    "stringtype",
                    "targetServerType",
                    "tcpKeepAlive",
                    "tcpNoDelay",
                    "unknownLength",
                    "useSpnego")
            .collect(Collectors.toUnmodifiableMap(n -> n.toLowerCase(Locale.ROOT), Function.identity()));

    private static final String LOADS_CLASS = "it makes the driver load a Java class by name";

    /** Properties refused with the reason, by lower-case name. */
    private static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry(
                    "options",
                    "it sets server settings for the session, such as default_transaction_read_only, which MigLab's"
                            + " read-only guard sets itself"),
            Map.entry("readonly", "MigLab sets the read-only mode of its connections itself"),
            Map.entry("readonlymode", "MigLab sets the read-only mode of its connections itself"),
            Map.entry(
                    "preferquerymode",
                    "the simple query protocol runs several statements sent as one, which MigLab's guard checks one"
                            + " at a time"),
            Map.entry("replication", "a replication connection runs replication commands, not SQL MigLab can check"),
            Map.entry(
                    "autosave", "the driver would issue its own savepoints and rollbacks inside MigLab's transactions"),
            Map.entry(
                    "cleanupsavepoints",
                    "the driver would issue its own savepoints and rollbacks inside MigLab's transactions"),
            Map.entry(
                    "groupstartupparameters", "the driver would wrap MigLab's session settings in its own transaction"),
            Map.entry(
                    "allowencodingchanges",
                    "the driver would accept a client_encoding other than UTF-8 and misread text"),
            Map.entry("socketfactory", LOADS_CLASS),
            Map.entry("socketfactoryarg", LOADS_CLASS),
            Map.entry("sslfactory", LOADS_CLASS),
            Map.entry("sslfactoryarg", LOADS_CLASS),
            Map.entry("sslhostnameverifier", LOADS_CLASS),
            Map.entry("sslpasswordcallback", LOADS_CLASS),
            Map.entry("authenticationpluginclassname", LOADS_CLASS),
            Map.entry("xmlfactoryfactory", LOADS_CLASS),
            Map.entry("classloaderstrategy", LOADS_CLASS),
            Map.entry("connectexecutor", LOADS_CLASS),
            Map.entry("connectexecutorarg", LOADS_CLASS),
            Map.entry("loggerfile", "driver logging writes files MigLab does not control"),
            Map.entry("loggerlevel", "driver logging writes files MigLab does not control"),
            Map.entry(
                    "service",
                    "it reads connection settings from a service file, outside what MigLab checks; put them in the URL"),
            Map.entry("pgdbname", "the database belongs in the URL's path"),
            Map.entry("pghost", "the host belongs in the URL itself"),
            Map.entry("pgport", "the port belongs in the URL itself"),
            Map.entry("protocolversion", "MigLab speaks the protocol version the driver chooses"),
            Map.entry("loadbalancehosts", "a target is one server"),
            Map.entry("hostrecheckseconds", "a target is one server"));

    private ConnectionOptions() {}

    /** The canonical name of an allowed property, or why it is refused. */
    static Optional<String> canonicalName(String key) {
        return Optional.ofNullable(ALLOWED.get(key.toLowerCase(Locale.ROOT)));
    }

    /** Why {@code key} is refused, in words that complete "because ...". */
    static String whyRefused(String key) {
        String reason = REFUSED.get(key.toLowerCase(Locale.ROOT));
        return reason != null
                ? reason
                : "MigLab passes only pgjdbc options known to be harmless (timeouts, TLS files, Kerberos, fetch"
                        + " sizes; README, Safety)";
    }

    /**
     * The allowed properties of {@code options}, canonically spelt; for targets stored before the allow-list, so a
     * ledger row never makes the list unreadable.
     */
    static Map<String, String> allowedOnly(Map<String, String> options) {
        Map<String, String> kept = new TreeMap<>();
        options.forEach((k, v) -> canonicalName(k).ifPresent(name -> kept.put(name, v)));
        return kept;
    }
}
