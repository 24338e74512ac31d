package dev.mtasts.checks.policy;

import static java.util.Objects.requireNonNull;

/**
 * One well-formed {@code key: value} line of a policy.
 *
 * @param line the 1-based line number
 * @param key the key, case preserved
 * @param value the value without the whitespace around it
 */
public record PolicyField(int line, String key, String value) {
    public PolicyField {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
    }
}
