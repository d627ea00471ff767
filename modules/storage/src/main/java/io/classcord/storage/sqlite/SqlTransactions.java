package io.classcord.storage.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.helidon.dbclient.DbClient;

/**
 * Multi-statement write transactions, driven with explicit SQL on a pooled connection that stays
 * in JDBC autocommit mode.
 *
 * <p>Why not {@link io.helidon.dbclient.DbTransaction}: it relies on sqlite-jdbc's implicit
 * transactions ({@code setAutoCommit(false)}), and those lose track of reality when SQLite rolls a
 * transaction back on its own, which it does on SQLITE_FULL, SQLITE_IOERR and SQLITE_NOMEM. The
 * driver still believes a transaction is open, its {@code rollback} fails, Hikari skips resetting
 * the connection and pools it as is, and the next "transaction" on it silently runs in autocommit:
 * its rows are committed while its {@code commit()} reports failure. For a chat store that means a
 * sender told "not stored" about a message everyone will see in history. sqlite-jdbc's
 * {@code commit()} also immediately re-issues BEGIN, which can time out and report a failure after
 * the data was already committed. With explicit BEGIN/COMMIT/ROLLBACK the driver holds no
 * transaction state at all, and a ROLLBACK that finds nothing to roll back is harmless.
 */
final class SqlTransactions {

    /** Work to run inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** SQLite's primary result code for any constraint violation (UNIQUE, FOREIGN KEY, CHECK, trigger RAISE). */
    private static final int SQLITE_CONSTRAINT = 19;

    private SqlTransactions() {
    }

    /** Borrows a connection from {@code db}'s pool and runs {@code work} in one transaction on it. */
    static <T> T run(DbClient db, Work<T> work) throws SQLException {
        try (Connection connection = db.unwrap(Connection.class)) {
            return inTransaction(connection, work);
        }
    }

    /**
     * Runs {@code work} between BEGIN IMMEDIATE and COMMIT. IMMEDIATE takes the write lock up front,
     * where the busy timeout applies; a DEFERRED transaction that reads first and writes later fails at
     * once with SQLITE_BUSY_SNAPSHOT if another writer committed in between.
     */
    static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        begin(connection);
        try {
            T result = work.run(connection);
            commit(connection);
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        }
    }

    static void begin(Connection connection) throws SQLException {
        execute(connection, "BEGIN IMMEDIATE");
    }

    static void commit(Connection connection) throws SQLException {
        execute(connection, "COMMIT");
    }

    /**
     * Rolls back after {@code cause}. SQLite may already have rolled back by itself; then ROLLBACK
     * fails with "no transaction is active", which is the state we wanted. Any other failure is
     * attached to {@code cause}, the error worth reporting.
     */
    static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            execute(connection, "ROLLBACK");
        } catch (SQLException rollbackFailure) {
            if (!String.valueOf(rollbackFailure.getMessage()).contains("no transaction is active")) {
                cause.addSuppressed(rollbackFailure);
            }
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Whether {@code failure} was caused by a constraint violation rather than I/O, locking or a full disk. */
    static boolean isConstraintViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() & 0xff) == SQLITE_CONSTRAINT) {
                return true;
            }
        }
        return false;
    }
}
