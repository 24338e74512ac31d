package dev.mtasts.checks;

import static dev.mtasts.spi.Severity.FAIL;
import static dev.mtasts.spi.Severity.INFO;
import static dev.mtasts.spi.Severity.PASS;
import static dev.mtasts.spi.Severity.WARN;

import dev.mtasts.spi.Severity;

/** The finding codes of {@link MxSyncCheck}: mx-sync (RFC 8461 §4.1, rules M1–M6). One line a code; see {@link FindingCode}. */
public enum MxSyncCode implements FindingCode {
    MX_SYNC_OK("M1, M5", FixKind.NONE, 0, PASS),
    MX_UNMATCHED("M1, M3, M5", FixKind.POLICY_FILE, 10, INFO, WARN, FAIL),
    MX_PATTERN_STALE("M4", FixKind.POLICY_FILE, 10, INFO, WARN),
    MX_PATTERN_WILDCARD("M4", FixKind.NONE, 0, INFO),
    MX_HOST_UNRESOLVABLE("M5", FixKind.OTHER_DNS, 10, WARN, FAIL),
    MX_HOSTS_NOT_EXAMINED("M5", FixKind.NONE, 0, INFO),
    MX_HOST_LOOKUP_FAILED("M5", FixKind.INVESTIGATE, 15, WARN),
    MX_LOOKUP_FAILED("M5", FixKind.INVESTIGATE, 15, WARN),
    MX_IMPLICIT("M6", FixKind.NONE, 0, INFO),
    MX_NULL("M6", FixKind.NONE, 0, INFO);

    private final CodeSpec spec;

    MxSyncCode(String rules, FixKind fixKind, int workMinutes, Severity... severities) {
        spec = CodeSpec.of(name(), MxSyncCheck.ID, rules, fixKind, workMinutes, severities);
    }

    @Override
    public CodeSpec spec() {
        return spec;
    }
}
