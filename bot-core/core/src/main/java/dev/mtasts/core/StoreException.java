package dev.mtasts.core;

import org.jspecify.annotations.Nullable;

/**
 * A store could not be read or written: the database is unreachable, full, locked by another process, or refused the
 * statement. The message is one line that says what and where (never a password). The history, subscription and
 * TLS-RPT report stores each throw their own subtype; the CLI answers any of them with exit status 69.
 */
public abstract class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param cause the driver's exception, or none when the store itself found the data wrong */
    protected StoreException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
