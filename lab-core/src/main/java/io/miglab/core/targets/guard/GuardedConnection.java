package io.miglab.core.targets.guard;

import io.miglab.core.targets.WriteAccess;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * A connection to a guarded target, as every caller gets it. Each statement passes the {@link StatementGate} first;
 * then, while the target is locked, it runs inside a {@code READ ONLY} transaction that MigLab began itself: in
 * auto-commit mode each statement gets its own, ended right after; with auto-commit off the caller's transaction is
 * begun read-only, and when its first statement takes no snapshot MigLab takes one first, so that a later {@code SET
 * TRANSACTION READ WRITE} fails on the server even if the gate missed it. The session default
 * ({@code default_transaction_read_only}) that the connector sets at connect time is the third layer.
 *
 * <p>Write access is asked before every statement. A connection opened while the target was unlocked loses its
 * writes at the first statement after a lock or an expiry: an open writing transaction is rolled back, and from then
 * on the connection behaves as a locked one. A connection opened while locked stays read-only for its whole life.
 *
 * <p>The raw driver connection is never handed out: {@code unwrap(PGConnection.class)} gives a view whose COPY API
 * passes the gate too, and whose large-object, fast-path and replication APIs are refused while locked.
 */
public final class GuardedConnection implements InvocationHandler {
    private static final Set<String> EXECUTE_WITH_SQL =
            Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");
    private static final Set<String> EXECUTE_PREPARED =
            Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");
    private static final Set<String> EXECUTE_BATCH = Set.of("executeBatch", "executeLargeBatch");

    private final Connection real;
    private final BaseConnection base;
    private final String targetName;
    private final WriteAccess access;
    private final Connection proxy;
    private boolean writeMode;
    private boolean callerAutoCommit = true;
    private boolean callerReadOnly;
    private boolean transactionIsOurReadOnly;

    private GuardedConnection(Connection real, String targetName, WriteAccess access, boolean openedWritable)
            throws SQLException {
        this.real = real;
        this.base = real.unwrap(BaseConnection.class);
        this.targetName = targetName;
        this.access = access;
        this.writeMode = openedWritable;
        this.proxy = (Connection)
                Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, this);
        if (!writeMode) {
            real.setAutoCommit(false);
            real.setReadOnly(true);
        }
    }

    /**
     * Wraps a freshly opened driver connection.
     *
     * @param openedWritable whether the target was unlocked when the connection was opened (the connector then
     *     left out the read-only session default)
     */
    public static Connection wrap(Connection real, String targetName, WriteAccess access, boolean openedWritable)
            throws SQLException {
        return new GuardedConnection(real, targetName, access, openedWritable).proxy;
    }

    // ---- the unit of work ----------------------------------------------------------------------------------

    /** Whether writes are allowed now; a lock or an expiry turns a writable connection read-only for good. */
    private boolean writesAllowed() {
        if (writeMode && !access.allowedNow()) {
            writeMode = false;
        }
        return writeMode;
    }

    /** Everything that must hold before {@code inspections} run; returns whether the guard must end the unit. */
    private boolean begin(List<StatementGate.Inspection> inspections) throws SQLException {
        boolean writes = writesAllowed();
        for (StatementGate.Inspection inspection : inspections) {
            StatementGate.require(inspection, writes, targetName);
        }
        TransactionState state = base.getTransactionState();
        if (writes) {
            if (state == TransactionState.IDLE && real.getAutoCommit() != callerAutoCommit) {
                real.setAutoCommit(callerAutoCommit);
            }
            transactionIsOurReadOnly = transactionIsOurReadOnly && state != TransactionState.IDLE;
            return false;
        }
        if (!base.getStandardConformingStrings()) {
            throw new GuardRefusedException("Refused on guarded target '" + targetName + "': the session has"
                    + " standard_conforming_strings off, and MigLab's guard reads statements with it on.");
        }
        if (state != TransactionState.IDLE && !transactionIsOurReadOnly) {
            rollbackQuietly();
            throw new GuardRefusedException("Writes to guarded target '" + targetName + "' were locked while a"
                    + " transaction was open; MigLab rolled it back. Unlock the target again to write.");
        }
        if (state == TransactionState.IDLE) {
            if (real.getAutoCommit()) {
                real.setAutoCommit(false);
            }
            if (!real.isReadOnly()) {
                real.setReadOnly(true);
            }
            transactionIsOurReadOnly = true;
            if (!callerAutoCommit && !inspections.isEmpty() && !takesSnapshot(inspections.get(0))) {
                try (Statement st = real.createStatement()) {
                    st.execute("SELECT 1"); // pgjdbc sends BEGIN READ ONLY with it; now the snapshot is taken
                }
            }
        }
        return callerAutoCommit;
    }

    private void end(boolean ourUnit, boolean succeeded) throws SQLException {
        if (!ourUnit) {
            return;
        }
        if (succeeded) {
            real.commit();
        } else {
            rollbackQuietly();
        }
        transactionIsOurReadOnly = false;
    }

    /** Runs one driver call as a unit of work under the guard. */
    private Object run(List<StatementGate.Inspection> inspections, Object target, Method method, Object[] args)
            throws Throwable {
        boolean ours = begin(inspections);
        boolean succeeded = false;
        try {
            Object result = call(target, method, args);
            succeeded = true;
            return result;
        } finally {
            end(ours, succeeded);
        }
    }

    private static boolean takesSnapshot(StatementGate.Inspection inspection) {
        String command = inspection.classification().command();
        return command.startsWith("SELECT")
                || command.startsWith("VALUES")
                || command.startsWith("TABLE")
                || command.startsWith("WITH")
                || command.startsWith("EXPLAIN ANALYZE")
                || command.startsWith("COPY");
    }

    private void rollbackQuietly() {
        try {
            real.rollback();
        } catch (SQLException ignored) {
            // The server ends a broken transaction by itself.
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    // ---- java.sql.Connection ---------------------------------------------------------------------------------

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "createStatement" -> {
                return statement((Statement) call(real, method, args), null);
            }
            case "prepareStatement" -> {
                StatementGate.Inspection inspection = StatementGate.inspect((String) args[0], true);
                StatementGate.require(inspection, writesAllowed(), targetName);
                return statement((Statement) call(real, method, args), inspection);
            }
            case "prepareCall" -> {
                StatementGate.Inspection inspection = StatementGate.inspect((String) args[0], true);
                if (!writesAllowed()) {
                    throw new GuardRefusedException("Writes are locked on guarded target '" + targetName + "': a"
                            + " procedure or function call through prepareCall can do anything its body does.");
                }
                StatementGate.require(inspection, true, targetName);
                return statement((Statement) call(real, method, args), inspection);
            }
            case "setAutoCommit" -> {
                boolean on = (Boolean) args[0];
                if (on && !callerAutoCommit && base.getTransactionState() != TransactionState.IDLE) {
                    real.commit(); // JDBC: switching auto-commit on commits the open transaction
                    transactionIsOurReadOnly = false;
                }
                callerAutoCommit = on;
                if (writesAllowed() && base.getTransactionState() == TransactionState.IDLE) {
                    real.setAutoCommit(on);
                }
                return null;
            }
            case "getAutoCommit" -> {
                return callerAutoCommit;
            }
            case "commit", "rollback" -> {
                Object result = call(real, method, args);
                if (args == null || args.length == 0) {
                    transactionIsOurReadOnly = false;
                }
                return result;
            }
            case "setReadOnly" -> {
                callerReadOnly = (Boolean) args[0];
                if (writesAllowed() && base.getTransactionState() == TransactionState.IDLE) {
                    real.setReadOnly(callerReadOnly);
                }
                return null;
            }
            case "isReadOnly" -> {
                return !writeMode || callerReadOnly;
            }
            case "unwrap" -> {
                Class<?> type = (Class<?>) args[0];
                if (type == PGConnection.class) {
                    return pgConnection();
                }
                if (type.isInstance(self)) {
                    return self;
                }
                throw new SQLException("MigLab does not hand out the driver's " + type.getSimpleName()
                        + " of a connection to guarded target '" + targetName + "'.");
            }
            case "isWrapperFor" -> {
                Class<?> type = (Class<?>) args[0];
                return type == PGConnection.class || type.isInstance(self);
            }
            case "equals" -> {
                return self == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(self);
            }
            case "toString" -> {
                return "guarded connection to " + targetName;
            }
            default -> {
                return call(real, method, args);
            }
        }
    }

    // ---- statements ------------------------------------------------------------------------------------------

    private Statement statement(Statement realStatement, StatementGate.Inspection prepared) {
        Class<?> type = realStatement instanceof CallableStatement
                ? CallableStatement.class
                : realStatement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        return (Statement) Proxy.newProxyInstance(
                Statement.class.getClassLoader(), new Class<?>[] {type}, new StatementHandler(realStatement, prepared));
    }

    private final class StatementHandler implements InvocationHandler {
        private final Statement realStatement;
        private final StatementGate.Inspection prepared;
        private final List<StatementGate.Inspection> batch = new ArrayList<>();
        private int fetchSize;

        StatementHandler(Statement realStatement, StatementGate.Inspection prepared) {
            this.realStatement = realStatement;
            this.prepared = prepared;
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            boolean hasSql = args != null && args.length > 0 && args[0] instanceof String;
            if (hasSql && EXECUTE_WITH_SQL.contains(name)) {
                return runWithFetchSize(List.of(StatementGate.inspect((String) args[0], false)), method, args);
            }
            if (prepared != null && !hasSql && EXECUTE_PREPARED.contains(name)) {
                return runWithFetchSize(List.of(prepared), method, args);
            }
            switch (name) {
                case "addBatch" -> {
                    StatementGate.Inspection inspection =
                            hasSql ? StatementGate.inspect((String) args[0], false) : prepared;
                    StatementGate.require(inspection, writesAllowed(), targetName);
                    batch.add(inspection);
                    return call(realStatement, method, args);
                }
                case "clearBatch" -> {
                    batch.clear();
                    return call(realStatement, method, args);
                }
                case "setFetchSize" -> {
                    fetchSize = (Integer) args[0];
                    return call(realStatement, method, args);
                }
                case "getConnection" -> {
                    return proxy;
                }
                case "equals" -> {
                    return self == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(self);
                }
                case "toString" -> {
                    return "guarded statement on " + targetName;
                }
                default -> {}
            }
            if (EXECUTE_BATCH.contains(name)) {
                List<StatementGate.Inspection> all = List.copyOf(batch);
                batch.clear();
                return run(all, realStatement, method, args);
            }
            return call(realStatement, method, args);
        }

        /**
         * A guard-made transaction ends right after the statement, so the rows must all be read by then: results
         * are fetched whole (as pgjdbc does in auto-commit mode anyway) instead of through a cursor.
         */
        private Object runWithFetchSize(List<StatementGate.Inspection> inspections, Method method, Object[] args)
                throws Throwable {
            boolean emulatedAutoCommit = callerAutoCommit && !writeMode;
            realStatement.setFetchSize(emulatedAutoCommit ? 0 : fetchSize);
            return run(inspections, realStatement, method, args);
        }
    }

    // ---- the driver's own API ------------------------------------------------------------------------------

    private PGConnection pgConnection() throws SQLException {
        PGConnection realPg = real.unwrap(PGConnection.class);
        GatedCopyManager copy = new GatedCopyManager(base, this);
        return (PGConnection) Proxy.newProxyInstance(
                PGConnection.class.getClassLoader(), new Class<?>[] {PGConnection.class}, (self, method, args) -> {
                    switch (method.getName()) {
                        case "getCopyAPI" -> {
                            return copy;
                        }
                        case "getLargeObjectAPI", "getFastpathAPI", "getReplicationAPI", "alterUserPassword" -> {
                            if (!writesAllowed()) {
                                throw new GuardRefusedException("Writes are locked on guarded target '" + targetName
                                        + "': the driver's " + method.getName().replace("get", "") + " is not available"
                                        + " until it is unlocked.");
                            }
                            return call(realPg, method, args);
                        }
                        case "equals" -> {
                            return self == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(self);
                        }
                        case "toString" -> {
                            return "guarded driver connection to " + targetName;
                        }
                        default -> {
                            return call(realPg, method, args);
                        }
                    }
                });
    }

    /** The COPY API's calls as units of work: see {@link GatedCopyManager}. */
    interface CopyCall<T> {
        T call() throws SQLException, java.io.IOException;
    }

    <T> T copy(String sql, CopyCall<T> call) throws SQLException, java.io.IOException {
        StatementGate.Inspection inspection = StatementGate.inspect(sql, false);
        boolean ours = begin(List.of(inspection));
        boolean succeeded = false;
        try {
            T result = call.call();
            succeeded = true;
            return result;
        } finally {
            end(ours, succeeded);
        }
    }

    /** For the COPY calls that hand back a stream the caller reads later: allowed only inside the caller's unit. */
    void requireStreamingCopy(String sql) throws SQLException {
        StatementGate.Inspection inspection = StatementGate.inspect(sql, false);
        boolean writes = writesAllowed();
        StatementGate.require(inspection, writes, targetName);
        if (!writes && callerAutoCommit) {
            throw new GuardRefusedException("On guarded target '" + targetName + "' MigLab runs a streaming COPY only"
                    + " inside a transaction the caller opened (auto-commit off).");
        }
        begin(List.of(inspection));
    }
}
