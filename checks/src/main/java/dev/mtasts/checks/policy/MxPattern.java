package dev.mtasts.checks.policy;

import static java.util.Objects.requireNonNull;

/**
 * A usable {@code mx} pattern: {@code ["*."] Domain} in A-labels.
 *
 * @param value the value as written in the policy
 * @param normalized lower case, without a trailing dot, e.g. {@code *.example.net}
 */
public record MxPattern(String value, String normalized) {
    public MxPattern {
        requireNonNull(value, "value is null");
        requireNonNull(normalized, "normalized is null");
    }

    /** Whether the pattern is a wildcard ({@code *.example.net}), matching exactly one label. */
    public boolean wildcard() {
        return normalized.startsWith("*.");
    }

    /** Whether the MX host matches, by RFC 8461 §4.1 (see {@link MxPatterns#matches(String, String)}). */
    public boolean matches(String host) {
        return MxPatterns.matches(normalized, host);
    }
}
