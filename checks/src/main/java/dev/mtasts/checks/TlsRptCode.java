package dev.mtasts.checks;

import static dev.mtasts.spi.Severity.FAIL;
import static dev.mtasts.spi.Severity.INFO;
import static dev.mtasts.spi.Severity.PASS;
import static dev.mtasts.spi.Severity.WARN;

import dev.mtasts.spi.Severity;

/** The finding codes of {@link TlsRptCheck}: tls-rpt (RFC 8460 §3, rules R1–R9, C8). One line a code; see {@link FindingCode}. */
public enum TlsRptCode implements FindingCode {
    TLSRPT_RECORD_VALID("R3, R5", FixKind.NONE, 0, PASS),
    TLSRPT_RECORD_MISSING("R1, C8", FixKind.TLSRPT_RECORD, 10, INFO, WARN),
    TLSRPT_LOOKUP_FAILED("R1", FixKind.INVESTIGATE, 15, WARN),
    TLSRPT_CNAME("R1", FixKind.NONE, 0, INFO),
    TLSRPT_CNAME_BROKEN("R1", FixKind.TLSRPT_RECORD, 5, FAIL),
    TLSRPT_WRONG_LOCATION("R1", FixKind.OTHER_DNS, 5, WARN, FAIL),
    TLSRPT_UNRELATED_TXT("R3", FixKind.NONE, 0, INFO),
    TLSRPT_MALFORMED_VERSION("R2", FixKind.TLSRPT_RECORD, 5, WARN, FAIL),
    TLSRPT_RECORD_MULTIPLE("R3", FixKind.TLSRPT_RECORD, 5, FAIL),
    TLSRPT_RECORD_SYNTAX("R2, R9", FixKind.TLSRPT_RECORD, 5, FAIL),
    TLSRPT_SPACE_BEFORE_SEMICOLON("R3", FixKind.TLSRPT_RECORD, 5, WARN),
    TLSRPT_TRAILING_WHITESPACE("R9", FixKind.TLSRPT_RECORD, 5, WARN),
    TLSRPT_RUA_MISSING("R5", FixKind.TLSRPT_RECORD, 5, FAIL),
    TLSRPT_RUA_INVALID("R6", FixKind.TLSRPT_RECORD, 5, FAIL),
    TLSRPT_RUA_UNENCODED("R7", FixKind.TLSRPT_RECORD, 5, FAIL),
    TLSRPT_RUA_UNSUPPORTED_SCHEME("R6", FixKind.TLSRPT_RECORD, 5, WARN, FAIL),
    TLSRPT_RUA_UNDELIVERABLE("R12", FixKind.TLSRPT_RECORD, 5, WARN),
    TLSRPT_RECORD_EXPOSED("R11", FixKind.NONE, 0, INFO),
    TLSRPT_RUA_HTTPS_OK("R10", FixKind.NONE, 0, PASS),
    TLSRPT_RUA_HTTPS_UNREACHABLE("R10", FixKind.WEB_SERVER, 30, WARN),
    TLSRPT_RUA_HTTPS_CERTIFICATE("R10", FixKind.CERTIFICATE, 30, WARN),
    TLSRPT_REPORTS_RECEIVED("—", FixKind.NONE, 0, INFO),
    TLSRPT_RUA_MULTIPLE("R8", FixKind.NONE, 0, INFO),
    TLSRPT_EXTENSION("R9", FixKind.NONE, 0, INFO),
    TLSRPT_SPLIT_STRINGS("R4", FixKind.NONE, 0, INFO);

    private final CodeSpec spec;

    TlsRptCode(String rules, FixKind fixKind, int workMinutes, Severity... severities) {
        spec = CodeSpec.of(name(), TlsRptCheck.ID, rules, fixKind, workMinutes, severities);
    }

    @Override
    public CodeSpec spec() {
        return spec;
    }
}
