package dev.mtasts.core;

import dev.mtasts.spi.Severity;
import java.util.Locale;

/** A check's status in a report: its worst finding, or {@code SKIP} when a prerequisite was missing. */
public enum CheckStatus {
    PASS,
    INFO,
    WARN,
    FAIL,
    SKIP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CheckStatus of(Severity severity) {
        return switch (severity) {
            case PASS -> PASS;
            case INFO -> INFO;
            case WARN -> WARN;
            case FAIL -> FAIL;
        };
    }
}
