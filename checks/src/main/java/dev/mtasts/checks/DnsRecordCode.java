package dev.mtasts.checks;

import static dev.mtasts.spi.Severity.FAIL;
import static dev.mtasts.spi.Severity.INFO;
import static dev.mtasts.spi.Severity.PASS;
import static dev.mtasts.spi.Severity.WARN;

import dev.mtasts.spi.Severity;

/** The finding codes of {@link DnsRecordCheck}: dns-record (RFC 8461 §3.1, rules T1–T15). One line a code; see {@link FindingCode}. */
public enum DnsRecordCode implements FindingCode {
    STS_RECORD_VALID("T5", FixKind.NONE, 0, PASS),
    STS_RECORD_MISSING("T1", FixKind.STS_RECORD, 5, FAIL),
    STS_RECORD_LOOKUP_FAILED("T1", FixKind.INVESTIGATE, 15, WARN, FAIL),
    STS_RECORD_CNAME("T12", FixKind.NONE, 0, INFO),
    STS_RECORD_CNAME_BROKEN("T12", FixKind.STS_RECORD, 5, FAIL),
    STS_RECORD_CNAME_CONFLICT("T12", FixKind.STS_RECORD, 5, WARN),
    STS_RECORD_UNRELATED_TXT("T4", FixKind.NONE, 0, INFO),
    STS_RECORD_MALFORMED_VERSION("T6", FixKind.STS_RECORD, 5, WARN, FAIL),
    STS_RECORD_MULTIPLE("T5", FixKind.STS_RECORD, 5, FAIL),
    STS_RECORD_NOT_ASCII("T2", FixKind.STS_RECORD, 5, FAIL),
    STS_RECORD_SYNTAX("T10, T11", FixKind.STS_RECORD, 5, FAIL),
    STS_RECORD_SPACE_BEFORE_SEMICOLON("T7", FixKind.STS_RECORD, 5, WARN),
    STS_RECORD_TRAILING_WHITESPACE("T11", FixKind.STS_RECORD, 5, WARN),
    STS_RECORD_ID_MISSING("T8", FixKind.STS_RECORD, 5, FAIL),
    STS_RECORD_ID_INVALID("T8", FixKind.STS_RECORD, 5, FAIL),
    STS_RECORD_ID_DUPLICATE("T9", FixKind.STS_RECORD, 5, WARN),
    STS_RECORD_EXTENSION("T10", FixKind.NONE, 0, INFO),
    STS_RECORD_SPLIT_STRINGS("T3", FixKind.NONE, 0, INFO),
    STS_RECORD_AT_APEX("T15", FixKind.OTHER_DNS, 5, WARN),
    STS_RECORD_PARENT_NOT_APPLIED("T13", FixKind.NONE, 0, INFO);

    private final CodeSpec spec;

    DnsRecordCode(String rules, FixKind fixKind, int workMinutes, Severity... severities) {
        spec = CodeSpec.of(name(), DnsRecordCheck.ID, rules, fixKind, workMinutes, severities);
    }

    @Override
    public CodeSpec spec() {
        return spec;
    }
}
