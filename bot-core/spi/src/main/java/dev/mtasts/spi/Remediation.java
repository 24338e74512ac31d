package dev.mtasts.spi;

import static java.util.Objects.requireNonNull;

/** What to do about a finding: the exact change to make, and how long it takes. */
public record Remediation(String action, FixTime fixTime) {
    public Remediation {
        requireNonNull(action, "action is null");
        requireNonNull(fixTime, "fixTime is null");
        if (action.isBlank()) {
            throw new IllegalArgumentException("remediation action is blank");
        }
    }
}
