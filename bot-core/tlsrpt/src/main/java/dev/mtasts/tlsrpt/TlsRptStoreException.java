package dev.mtasts.tlsrpt;

import dev.mtasts.core.StoreException;

/** The report store could not be read or written; the message says what and where, in one line. */
public final class TlsRptStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    public TlsRptStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
