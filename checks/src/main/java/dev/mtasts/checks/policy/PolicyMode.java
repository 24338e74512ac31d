package dev.mtasts.checks.policy;

import java.util.Optional;

/** The policy {@code mode} (RFC 8461 §5), matched case-sensitively: {@code Enforce} is not a mode. */
public enum PolicyMode {
    /** Senders deliver anyway and report failures (if they implement TLS-RPT). */
    TESTING("testing"),
    /** Senders refuse to deliver to MX hosts that fail MX matching or certificate validation. */
    ENFORCE("enforce"),
    /** Senders treat the domain as having no active policy. */
    NONE("none");

    private final String value;

    PolicyMode(String value) {
        this.value = value;
    }

    /** The value as written in a policy, e.g. {@code enforce}. */
    public String value() {
        return value;
    }

    /** The mode for an exact, case-sensitive policy value. */
    public static Optional<PolicyMode> parse(String value) {
        for (PolicyMode mode : values()) {
            if (mode.value.equals(value)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
