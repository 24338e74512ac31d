package dev.mtasts.spi;

import java.util.Collection;
import java.util.Locale;

/** How bad a finding is, ordered from best to worst. */
public enum Severity {
    PASS,
    INFO,
    WARN,
    FAIL;

    /** The lower-case wire name used in JSON and chat output. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isWorseThan(Severity other) {
        return compareTo(other) > 0;
    }

    /** The worst of the given severities, or {@link #PASS} for none. */
    public static Severity worst(Collection<Severity> severities) {
        Severity worst = PASS;
        for (Severity severity : severities) {
            if (severity.isWorseThan(worst)) {
                worst = severity;
            }
        }
        return worst;
    }
}
