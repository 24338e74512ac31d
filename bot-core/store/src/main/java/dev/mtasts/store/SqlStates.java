package dev.mtasts.store;

import java.sql.SQLException;

/** How the stores classify database errors, shared by the history and subscription stores. */
public final class SqlStates {
    private SqlStates() {}

    /**
     * Whether a failed statement is worth retrying in a fresh transaction: constraint races between concurrent
     * writers (class 23), serialization failures and deadlocks (40), lost connections (08), and H2's lock timeouts
     * (90067 connection broken, HYT00 lock timeout).
     */
    public static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return state.startsWith("23")
                || state.startsWith("40")
                || state.startsWith("08")
                || state.equals("90067")
                || state.equals("HYT00");
    }
}
