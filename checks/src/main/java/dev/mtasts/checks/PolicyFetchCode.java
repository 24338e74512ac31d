package dev.mtasts.checks;

import static dev.mtasts.spi.Severity.FAIL;
import static dev.mtasts.spi.Severity.INFO;
import static dev.mtasts.spi.Severity.PASS;
import static dev.mtasts.spi.Severity.WARN;

import dev.mtasts.spi.Severity;

/** The finding codes of {@link PolicyFetchCheck}: policy-fetch (RFC 8461 §3.2, §3.3, §7.1, rules H1–H11). One line a code; see {@link FindingCode}. */
public enum PolicyFetchCode implements FindingCode {
    POLICY_FETCH_OK("H1, H4, H6", FixKind.NONE, 0, PASS),
    POLICY_CERT_VALID("H2", FixKind.NONE, 0, PASS),
    POLICY_HOST_MISSING("H1", FixKind.OTHER_DNS, 10, FAIL),
    POLICY_HOST_LOOKUP_FAILED("H1", FixKind.INVESTIGATE, 15, FAIL),
    POLICY_HOST_SINGLE_FAMILY("H10", FixKind.NONE, 0, INFO),
    POLICY_HOST_ADDRESS_REFUSED("H11", FixKind.OTHER_DNS, 10, FAIL),
    POLICY_FETCH_TIMEOUT("H7", FixKind.WEB_SERVER, 30, FAIL),
    POLICY_FETCH_CONNECTION_FAILED("H1", FixKind.WEB_SERVER, 30, FAIL),
    POLICY_FETCH_TLS_FAILED("H2, H8", FixKind.CERTIFICATE, 30, FAIL),
    POLICY_CERT_EXPIRED("H2", FixKind.CERTIFICATE, 30, FAIL),
    POLICY_CERT_NOT_YET_VALID("H2", FixKind.CERTIFICATE, 30, FAIL),
    POLICY_CERT_UNTRUSTED("H2", FixKind.CERTIFICATE, 30, FAIL),
    POLICY_CERT_NAME_MISMATCH("H2, H8", FixKind.CERTIFICATE, 30, FAIL),
    POLICY_CERT_EXPIRES_SOON("H2", FixKind.CERTIFICATE, 30, WARN),
    POLICY_FETCH_REDIRECT("H4", FixKind.WEB_SERVER, 15, FAIL),
    POLICY_FETCH_STATUS("H4", FixKind.WEB_SERVER, 15, FAIL),
    POLICY_CONTENT_TYPE("H6", FixKind.WEB_SERVER, 10, FAIL),
    POLICY_CHARSET("H6", FixKind.WEB_SERVER, 10, WARN),
    POLICY_TOO_LARGE("H7", FixKind.WEB_SERVER, 10, FAIL),
    POLICY_FETCH_SLOW("H7", FixKind.WEB_SERVER, 30, WARN),
    POLICY_HTTP_CACHE("H5", FixKind.NONE, 0, INFO);

    private final CodeSpec spec;

    PolicyFetchCode(String rules, FixKind fixKind, int workMinutes, Severity... severities) {
        spec = CodeSpec.of(name(), PolicyFetchCheck.ID, rules, fixKind, workMinutes, severities);
    }

    @Override
    public CodeSpec spec() {
        return spec;
    }
}
