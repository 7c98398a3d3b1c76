package io.miglab.core.targets.guard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.sql.SQLException;
import org.postgresql.copy.CopyDual;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.ByteStreamWriter;

/**
 * pgjdbc's COPY API on a guarded connection: every COPY statement passes the same gate as any other, so COPY ...
 * FROM STDIN (a write) needs an unlock and COPY ... TO STDOUT runs in a read-only unit of work.
 */
final class GatedCopyManager extends CopyManager {
    private final GuardedConnection guard;
    /** Set while a whole-stream call runs: the driver's implementation calls the streaming methods itself. */
    private boolean inWholeCall;

    GatedCopyManager(BaseConnection connection, GuardedConnection guard) throws SQLException {
        super(connection);
        this.guard = guard;
    }

    @Override
    public CopyIn copyIn(String sql) throws SQLException {
        if (!inWholeCall) {
            guard.requireStreamingCopy(sql);
        }
        return super.copyIn(sql);
    }

    @Override
    public CopyOut copyOut(String sql) throws SQLException {
        if (!inWholeCall) {
            guard.requireStreamingCopy(sql);
        }
        return super.copyOut(sql);
    }

    @Override
    public CopyDual copyDual(String sql) throws SQLException {
        if (!inWholeCall) {
            guard.requireStreamingCopy(sql);
        }
        return super.copyDual(sql);
    }

    @Override
    public long copyOut(String sql, Writer to) throws SQLException, IOException {
        return whole(sql, () -> super.copyOut(sql, to));
    }

    @Override
    public long copyOut(String sql, OutputStream to) throws SQLException, IOException {
        return whole(sql, () -> super.copyOut(sql, to));
    }

    @Override
    public long copyIn(String sql, Reader from) throws SQLException, IOException {
        return whole(sql, () -> super.copyIn(sql, from));
    }

    @Override
    public long copyIn(String sql, Reader from, int bufferSize) throws SQLException, IOException {
        return whole(sql, () -> super.copyIn(sql, from, bufferSize));
    }

    @Override
    public long copyIn(String sql, InputStream from) throws SQLException, IOException {
        return whole(sql, () -> super.copyIn(sql, from));
    }

    @Override
    public long copyIn(String sql, InputStream from, int bufferSize) throws SQLException, IOException {
        return whole(sql, () -> super.copyIn(sql, from, bufferSize));
    }

    @Override
    public long copyIn(String sql, ByteStreamWriter from) throws SQLException, IOException {
        return whole(sql, () -> super.copyIn(sql, from));
    }

    private long whole(String sql, GuardedConnection.CopyCall<Long> call) throws SQLException, IOException {
        return guard.copy(sql, () -> {
            inWholeCall = true;
            try {
                return call.call();
            } finally {
                inWholeCall = false;
            }
        });
    }
}
