package dev.mtasts.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry loop of every JDBC store (history, subscriptions, TLS-RPT reports): runs work on a pooled connection
 * and tries again, after a short growing pause, when the database says the attempt lost a race or the connection
 * broke ({@link SqlStates#retryable}). Each store turns the final failure into its own typed exception.
 */
public final class JdbcRetry {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcRetry.class);
    private static final int ATTEMPTS = 4;
    private static final long PAUSE_MILLIS = 50;

    private final DataSource dataSource;
    private final String description;
    private final Failure failure;

    /**
     * @param description where the data lives, for messages (never contains a password)
     * @param failure builds the store's own exception from a one-line message and its cause
     */
    public JdbcRetry(DataSource dataSource, String description, Failure failure) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.description = requireNonNull(description, "description is null");
        this.failure = requireNonNull(failure, "failure is null");
    }

    /** What a store does with one connection; may throw to have the attempt retried or reported. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Work that produces nothing. */
    @FunctionalInterface
    public interface Action {
        void run(Connection connection) throws SQLException;
    }

    /** Turns the final failure into the store's exception. */
    @FunctionalInterface
    public interface Failure {
        RuntimeException create(String message, Throwable cause);
    }

    /** Runs {@code work} in auto-commit mode, retrying retryable failures. */
    public <T> T retrying(String what, Work<T> work) {
        return attempt(what, work, false);
    }

    /** Runs {@code work} in one transaction (rolled back on failure), retrying retryable failures. */
    public <T> T transaction(String what, Work<T> work) {
        return attempt(what, work, true);
    }

    /** {@link #transaction} for work that produces nothing. */
    public void inTransaction(String what, Action action) {
        requireNonNull(action, "action is null");
        transaction(what, connection -> {
            action.run(connection);
            return Boolean.TRUE;
        });
    }

    /** The message of the innermost cause, or its type when it has none: the useful part of a driver's error. */
    public static String rootMessage(Throwable throwable) {
        Throwable root = throwable;
        Throwable cause = root.getCause();
        while (cause != null && cause != root) {
            root = cause;
            cause = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.isBlank()) {
            return root.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message).strip();
    }

    private <T> T attempt(String what, Work<T> work, boolean transactional) {
        requireNonNull(what, "what is null");
        requireNonNull(work, "work is null");
        SQLException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                return transactional ? inOneTransaction(connection, work) : work.run(connection);
            } catch (SQLException e) {
                last = e;
                if (!SqlStates.retryable(e) || attempt == ATTEMPTS) {
                    break;
                }
                LOG.debug("retrying to {} in {} after: {}", what, description, e.getMessage());
                pause(attempt * PAUSE_MILLIS);
            }
        }
        requireNonNull(last, "an attempt failed without an exception");
        throw failure.create("cannot " + what + " in " + description + ": " + rootMessage(last), last);
    }

    private static <T> T inOneTransaction(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure.create("interrupted while waiting to retry", e);
        }
    }
}
