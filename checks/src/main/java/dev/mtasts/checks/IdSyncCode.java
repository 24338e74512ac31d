package dev.mtasts.checks;

import static dev.mtasts.spi.Severity.FAIL;
import static dev.mtasts.spi.Severity.INFO;
import static dev.mtasts.spi.Severity.PASS;
import static dev.mtasts.spi.Severity.WARN;

import dev.mtasts.spi.Severity;

/** The finding codes of {@link IdSyncCheck}: id-sync (RFC 8461 §3.1, §8.1, §8.3, rules C1, C2, C4, C8, T14): the DNS id and the policy body over time. One line a code; see {@link FindingCode}. */
public enum IdSyncCode implements FindingCode {
    ID_BASELINE("C1", FixKind.NONE, 0, PASS),
    ID_IN_SYNC("C1", FixKind.NONE, 0, PASS),
    ID_BUMPED("C1", FixKind.NONE, 0, PASS),
    ID_NOT_BUMPED("C1", FixKind.ID_BUMP, 5, FAIL),
    POLICY_EDITED_SAME_EFFECT("C1", FixKind.NONE, 0, INFO),
    ID_BUMPED_SAME_POLICY("C1", FixKind.NONE, 0, INFO),
    ID_BUMPED_BEFORE_POLICY("C2", FixKind.ID_BUMP, 5, WARN),
    ID_REUSED("C1", FixKind.ID_BUMP, 5, WARN),
    ID_LOOKS_STALE("C1", FixKind.ID_BUMP, 5, WARN),
    STUCK_IN_TESTING("C8", FixKind.ENFORCE_AFTER_REPORTS, 5, WARN),
    REMOVED_WITHOUT_NONE("C4, T14", FixKind.STAGED_REMOVAL, 15, WARN);

    private final CodeSpec spec;

    IdSyncCode(String rules, FixKind fixKind, int workMinutes, Severity... severities) {
        spec = CodeSpec.of(name(), IdSyncCheck.ID, rules, fixKind, workMinutes, severities);
    }

    @Override
    public CodeSpec spec() {
        return spec;
    }
}
