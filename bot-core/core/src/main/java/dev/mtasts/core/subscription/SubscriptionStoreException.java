package dev.mtasts.core.subscription;

import dev.mtasts.core.StoreException;

/** The subscription store could not be read or written: the database is unreachable or refused the statement. */
public final class SubscriptionStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    public SubscriptionStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The store found its own data wrong: there is no driver exception behind it. */
    public SubscriptionStoreException(String message) {
        super(message, null);
    }
}
