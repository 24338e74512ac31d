package dev.mtasts.tlsrpt;

import java.io.IOException;

/** A limit of {@link ReportLimits} passed while reading: reading stops there. */
final class LimitExceeded extends IOException {
    private final Rejection reason;

    LimitExceeded(Rejection reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    Rejection reason() {
        return reason;
    }
}
