package dev.mtasts.core.history;

import dev.mtasts.core.StoreException;

/** The history store could not be read or written: the database is unreachable, full, or refused the statement. */
public final class HistoryStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    public HistoryStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public HistoryStoreException(String message) {
        super(message);
    }
}
