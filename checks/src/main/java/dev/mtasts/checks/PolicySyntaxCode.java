package dev.mtasts.checks;

import static dev.mtasts.spi.Severity.FAIL;
import static dev.mtasts.spi.Severity.INFO;
import static dev.mtasts.spi.Severity.PASS;
import static dev.mtasts.spi.Severity.WARN;

import dev.mtasts.spi.Severity;

/** The finding codes of {@link PolicySyntaxCheck}: policy-syntax (RFC 8461 §3.2, rules P1–P12, C5, C8). One line a code; see {@link FindingCode}. */
public enum PolicySyntaxCode implements FindingCode {
    POLICY_VALID("P3", FixKind.NONE, 0, PASS),
    POLICY_EMPTY("P3", FixKind.POLICY_FILE, 10, FAIL),
    POLICY_BOM("P12", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_NOT_UTF8("P12", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_CONTROL_CHARACTER("P1, P12", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_BARE_CR("P1", FixKind.LINE_ENDINGS, 5, FAIL),
    POLICY_LINE_ENDINGS("P1", FixKind.NONE, 0, INFO),
    POLICY_LINE_ENDINGS_MIXED("P1", FixKind.LINE_ENDINGS, 5, WARN),
    POLICY_BLANK_LINE("P2", FixKind.POLICY_FILE, 5, WARN),
    POLICY_LINE_LEADING_WHITESPACE("P2", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_LINE_SPACE_BEFORE_COLON("P2", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_LINE_NOT_KEY_VALUE("P2", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_EXTENSION_MALFORMED("P2, P7", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_VERSION_MISSING("P3", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_VERSION_INVALID("P4", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_VERSION_NOT_FIRST("P5", FixKind.NONE, 0, INFO),
    POLICY_MODE_MISSING("P3", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_MODE_INVALID("P4", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_MODE_NONE("C5", FixKind.NONE, 0, INFO),
    POLICY_MODE_TESTING("C8", FixKind.NONE, 0, INFO),
    POLICY_MAX_AGE_MISSING("P3", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_MAX_AGE_INVALID("P8", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_MAX_AGE_TOO_LARGE("P8", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_MAX_AGE_ZERO("P8", FixKind.POLICY_FILE, 5, WARN),
    POLICY_MAX_AGE_SHORT("P8", FixKind.POLICY_FILE, 5, INFO, WARN),
    POLICY_MX_MISSING("P3", FixKind.POLICY_FILE, 10, FAIL),
    POLICY_MX_LIST("P9", FixKind.POLICY_FILE, 10, FAIL),
    POLICY_MX_IP_ADDRESS("P11", FixKind.POLICY_FILE, 10, FAIL),
    POLICY_MX_WILDCARD_MISPLACED("P11", FixKind.POLICY_FILE, 10, FAIL),
    POLICY_MX_U_LABEL("P10", FixKind.POLICY_FILE, 10, FAIL),
    POLICY_MX_INVALID("P11", FixKind.POLICY_FILE, 10, FAIL),
    POLICY_MX_TRAILING_DOT("P11", FixKind.POLICY_FILE, 10, WARN),
    POLICY_MX_DUPLICATE("P6", FixKind.NONE, 0, INFO),
    POLICY_DUPLICATE_FIELD("P6", FixKind.POLICY_FILE, 5, WARN),
    POLICY_UNKNOWN_FIELD("P7", FixKind.NONE, 0, INFO),
    POLICY_KEY_NEAR_MISS("P4, P7", FixKind.POLICY_FILE, 5, WARN),
    POLICY_NO_TLSRPT("C8", FixKind.TLSRPT_RECORD, 10, WARN);

    private final CodeSpec spec;

    PolicySyntaxCode(String rules, FixKind fixKind, int workMinutes, Severity... severities) {
        spec = CodeSpec.of(name(), PolicySyntaxCheck.ID, rules, fixKind, workMinutes, severities);
    }

    @Override
    public CodeSpec spec() {
        return spec;
    }
}
