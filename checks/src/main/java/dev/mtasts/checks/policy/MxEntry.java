package dev.mtasts.checks.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One {@code mx} line of a policy.
 *
 * @param line the 1-based line number
 * @param value the value as written
 * @param pattern the usable pattern, empty when the value is not {@code ["*."] Domain} in A-labels
 */
public record MxEntry(int line, String value, Optional<MxPattern> pattern) {
    public MxEntry {
        requireNonNull(value, "value is null");
        requireNonNull(pattern, "pattern is null");
    }
}
