package dev.mtasts.core.history;

import dev.mtasts.core.StoreException;
import org.jspecify.annotations.Nullable;

/** The history store could not be read or written: the database is unreachable, full, or refused the statement. */
public final class HistoryStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** @param cause the driver's exception; none when the store refuses by itself (it was closed) */
    public HistoryStoreException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
