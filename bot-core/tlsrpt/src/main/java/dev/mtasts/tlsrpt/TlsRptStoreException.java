package dev.mtasts.tlsrpt;

/** The report store could not be read or written; the message says what and where, in one line. */
public final class TlsRptStoreException extends RuntimeException {
    public TlsRptStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
