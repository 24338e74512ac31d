package dev.mtasts.checks;

import static dev.mtasts.spi.Severity.FAIL;
import static dev.mtasts.spi.Severity.INFO;
import static dev.mtasts.spi.Severity.PASS;
import static dev.mtasts.spi.Severity.WARN;

import dev.mtasts.spi.Severity;

/** The finding codes of {@link MxTlsCheck}: mx-tls (RFC 8461 §4, §4.2, §7, rules S1-S4, M5): every MX host probed as a sending MTA would. One line a code; see {@link FindingCode}. */
public enum MxTlsCode implements FindingCode {
    MX_TLS_OK("S1, S2, S4", FixKind.NONE, 0, PASS),
    MX_TLS_WITHOUT_SNI("S3", FixKind.NONE, 0, INFO),
    MX_SNI_REQUIRED("S3", FixKind.MAIL_SERVER, 30, FAIL),
    MX_STARTTLS_MISSING("S1", FixKind.MAIL_SERVER, 30, INFO, WARN, FAIL),
    MX_STARTTLS_REFUSED("S1", FixKind.MAIL_SERVER, 30, INFO, WARN, FAIL),
    MX_TLS_HANDSHAKE_FAILED("S1", FixKind.MAIL_SERVER, 30, INFO, WARN, FAIL),
    MX_CERT_UNTRUSTED("S2", FixKind.CERTIFICATE, 30, INFO, WARN, FAIL),
    MX_CERT_EXPIRED("S2", FixKind.CERTIFICATE, 15, INFO, WARN, FAIL),
    MX_CERT_NOT_YET_VALID("S2", FixKind.CERTIFICATE, 15, INFO, WARN, FAIL),
    MX_CERT_NAME_MISMATCH("S2", FixKind.CERTIFICATE, 30, INFO, WARN, FAIL),
    MX_CERT_EXPIRING("S2", FixKind.CERTIFICATE, 15, INFO, WARN),
    MX_TLS_OLD("S4", FixKind.MAIL_SERVER, 60, INFO, WARN),
    MX_PORT25_BLOCKED("S1", FixKind.INVESTIGATE, 15, INFO, WARN),
    MX_UNREACHABLE("S1, M5", FixKind.MAIL_SERVER, 15, INFO, WARN),
    MX_CONNECTION_REFUSED("S1, M5", FixKind.MAIL_SERVER, 15, INFO, WARN, FAIL),
    MX_ADDRESS_REFUSED("M5", FixKind.OTHER_DNS, 5, INFO, WARN),
    MX_BANNER_GARBAGE("S1", FixKind.MAIL_SERVER, 30, INFO, WARN, FAIL),
    MX_BANNER_REJECTED("S1", FixKind.MAIL_SERVER, 15, INFO, WARN),
    MX_BANNER_TIMEOUT("S1", FixKind.MAIL_SERVER, 15, INFO, WARN),
    MX_SMTP_TIMEOUT("S1", FixKind.MAIL_SERVER, 30, INFO, WARN, FAIL),
    MX_EHLO_REJECTED("S1", FixKind.MAIL_SERVER, 15, INFO, WARN),
    MX_SMTP_PROTOCOL_ERROR("S1", FixKind.MAIL_SERVER, 30, INFO, WARN, FAIL),
    MX_CONNECTION_CLOSED("S1", FixKind.MAIL_SERVER, 15, INFO, WARN),
    MX_NOT_PROBED("M5", FixKind.INVESTIGATE, 5, INFO, WARN),
    MX_ADDRESSES_DIFFER("S1, S2", FixKind.MAIL_SERVER, 30, INFO, WARN, FAIL),
    MX_IPV6_NOT_PROBED("S1", FixKind.NONE, 0, INFO),
    MX_DANE_OK("S5", FixKind.NONE, 0, PASS),
    MX_DANE_MISMATCH("S5", FixKind.OTHER_DNS, 30, FAIL),
    MX_DANE_NO_TLS("S5", FixKind.MAIL_SERVER, 30, FAIL),
    MX_DANE_UNSIGNED("S5", FixKind.NONE, 0, INFO),
    MX_DANE_UNUSABLE("S5", FixKind.NONE, 0, INFO),
    MX_DANE_LOOKUP_FAILED("S5", FixKind.NONE, 0, INFO),
    MX_TLS_NO_POLICY("C5", FixKind.NONE, 0, INFO);

    private final CodeSpec spec;

    MxTlsCode(String rules, FixKind fixKind, int workMinutes, Severity... severities) {
        spec = CodeSpec.of(name(), MxTlsCheck.ID, rules, fixKind, workMinutes, severities);
    }

    @Override
    public CodeSpec spec() {
        return spec;
    }
}
