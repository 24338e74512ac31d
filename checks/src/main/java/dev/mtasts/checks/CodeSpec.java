package dev.mtasts.checks;

import dev.mtasts.spi.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What one finding code is: the kebab-case code reported in findings, the check that reports it, the checklist rule
 * ids it implements, how its fix is estimated (kind and hands-on work) and the severities it may carry, best first.
 */
public record CodeSpec(
        String code, String check, String rules, FixKind fixKind, Duration work, List<Severity> severities) {
    public CodeSpec {
        severities = List.copyOf(severities);
    }

    /** The entry of the enum constant {@code constantName}: {@code STS_RECORD_ID_INVALID} reports {@code sts-record-id-invalid}. */
    static CodeSpec of(
            String constantName, String check, String rules, FixKind fixKind, int workMinutes, Severity... severities) {
        return new CodeSpec(
                constantName.toLowerCase(Locale.ROOT).replace('_', '-'),
                check,
                rules,
                fixKind,
                Duration.ofMinutes(workMinutes),
                List.of(severities));
    }
}
