package dev.mtasts.checks;

import static dev.mtasts.spi.Severity.FAIL;
import static dev.mtasts.spi.Severity.INFO;
import static dev.mtasts.spi.Severity.PASS;
import static dev.mtasts.spi.Severity.WARN;
import static java.util.Objects.requireNonNull;

import dev.mtasts.checks.policy.Durations;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Remediation;
import dev.mtasts.spi.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * Every finding code of the {@code mta-sts} plugin, one line a code (as Trino's {@code StandardErrorCode}): the
 * check that reports it, the checklist rules it implements, how its fix is estimated (kind and minutes of work) and
 * the severities it may carry. The code is the constant's name in lower case with dashes; what it means, in prose, is
 * in {@code findings.properties} beside this class. Findings are only ever built through this enum, so a code cannot
 * be reported at a severity its entry does not list, and {@code FINDINGS.md} documents exactly these codes (a test
 * keeps them in step).
 */
public enum FindingCode {
    // dns-record (RFC 8461 §3.1, rules T1–T15)
    STS_RECORD_VALID(DnsRecordCheck.ID, "T5", FixKind.NONE, 0, PASS),
    STS_RECORD_MISSING(DnsRecordCheck.ID, "T1", FixKind.STS_RECORD, 5, FAIL),
    STS_RECORD_LOOKUP_FAILED(DnsRecordCheck.ID, "T1", FixKind.INVESTIGATE, 15, WARN, FAIL),
    STS_RECORD_CNAME(DnsRecordCheck.ID, "T12", FixKind.NONE, 0, INFO),
    STS_RECORD_CNAME_BROKEN(DnsRecordCheck.ID, "T12", FixKind.STS_RECORD, 5, FAIL),
    STS_RECORD_CNAME_CONFLICT(DnsRecordCheck.ID, "T12", FixKind.STS_RECORD, 5, WARN),
    STS_RECORD_UNRELATED_TXT(DnsRecordCheck.ID, "T4", FixKind.NONE, 0, INFO),
    STS_RECORD_MALFORMED_VERSION(DnsRecordCheck.ID, "T6", FixKind.STS_RECORD, 5, WARN, FAIL),
    STS_RECORD_MULTIPLE(DnsRecordCheck.ID, "T5", FixKind.STS_RECORD, 5, FAIL),
    STS_RECORD_NOT_ASCII(DnsRecordCheck.ID, "T2", FixKind.STS_RECORD, 5, FAIL),
    STS_RECORD_SYNTAX(DnsRecordCheck.ID, "T10, T11", FixKind.STS_RECORD, 5, FAIL),
    STS_RECORD_SPACE_BEFORE_SEMICOLON(DnsRecordCheck.ID, "T7", FixKind.STS_RECORD, 5, WARN),
    STS_RECORD_TRAILING_WHITESPACE(DnsRecordCheck.ID, "T11", FixKind.STS_RECORD, 5, WARN),
    STS_RECORD_ID_MISSING(DnsRecordCheck.ID, "T8", FixKind.STS_RECORD, 5, FAIL),
    STS_RECORD_ID_INVALID(DnsRecordCheck.ID, "T8", FixKind.STS_RECORD, 5, FAIL),
    STS_RECORD_ID_DUPLICATE(DnsRecordCheck.ID, "T9", FixKind.STS_RECORD, 5, WARN),
    STS_RECORD_EXTENSION(DnsRecordCheck.ID, "T10", FixKind.NONE, 0, INFO),
    STS_RECORD_SPLIT_STRINGS(DnsRecordCheck.ID, "T3", FixKind.NONE, 0, INFO),
    STS_RECORD_AT_APEX(DnsRecordCheck.ID, "T15", FixKind.OTHER_DNS, 5, WARN),
    STS_RECORD_PARENT_NOT_APPLIED(DnsRecordCheck.ID, "T13", FixKind.NONE, 0, INFO),
    // policy-fetch (RFC 8461 §3.2, §3.3, §7.1, rules H1–H11)
    POLICY_FETCH_OK(PolicyFetchCheck.ID, "H1, H4, H6", FixKind.NONE, 0, PASS),
    POLICY_CERT_VALID(PolicyFetchCheck.ID, "H2", FixKind.NONE, 0, PASS),
    POLICY_HOST_MISSING(PolicyFetchCheck.ID, "H1", FixKind.OTHER_DNS, 10, FAIL),
    POLICY_HOST_LOOKUP_FAILED(PolicyFetchCheck.ID, "H1", FixKind.INVESTIGATE, 15, FAIL),
    POLICY_HOST_SINGLE_FAMILY(PolicyFetchCheck.ID, "H10", FixKind.NONE, 0, INFO),
    POLICY_HOST_ADDRESS_REFUSED(PolicyFetchCheck.ID, "H11", FixKind.OTHER_DNS, 10, FAIL),
    POLICY_FETCH_TIMEOUT(PolicyFetchCheck.ID, "H7", FixKind.WEB_SERVER, 30, FAIL),
    POLICY_FETCH_CONNECTION_FAILED(PolicyFetchCheck.ID, "H1", FixKind.WEB_SERVER, 30, FAIL),
    POLICY_FETCH_TLS_FAILED(PolicyFetchCheck.ID, "H2, H8", FixKind.CERTIFICATE, 30, FAIL),
    POLICY_CERT_EXPIRED(PolicyFetchCheck.ID, "H2", FixKind.CERTIFICATE, 30, FAIL),
    POLICY_CERT_NOT_YET_VALID(PolicyFetchCheck.ID, "H2", FixKind.CERTIFICATE, 30, FAIL),
    POLICY_CERT_UNTRUSTED(PolicyFetchCheck.ID, "H2", FixKind.CERTIFICATE, 30, FAIL),
    POLICY_CERT_NAME_MISMATCH(PolicyFetchCheck.ID, "H2, H8", FixKind.CERTIFICATE, 30, FAIL),
    POLICY_CERT_EXPIRES_SOON(PolicyFetchCheck.ID, "H2", FixKind.CERTIFICATE, 30, WARN),
    POLICY_FETCH_REDIRECT(PolicyFetchCheck.ID, "H4", FixKind.WEB_SERVER, 15, FAIL),
    POLICY_FETCH_STATUS(PolicyFetchCheck.ID, "H4", FixKind.WEB_SERVER, 15, FAIL),
    POLICY_CONTENT_TYPE(PolicyFetchCheck.ID, "H6", FixKind.WEB_SERVER, 10, FAIL),
    POLICY_CHARSET(PolicyFetchCheck.ID, "H6", FixKind.WEB_SERVER, 10, WARN),
    POLICY_TOO_LARGE(PolicyFetchCheck.ID, "H7", FixKind.WEB_SERVER, 10, FAIL),
    POLICY_FETCH_SLOW(PolicyFetchCheck.ID, "H7", FixKind.WEB_SERVER, 30, WARN),
    POLICY_HTTP_CACHE(PolicyFetchCheck.ID, "H5", FixKind.NONE, 0, INFO),
    // policy-syntax (RFC 8461 §3.2, rules P1–P12, C5, C8)
    POLICY_VALID(PolicySyntaxCheck.ID, "P3", FixKind.NONE, 0, PASS),
    POLICY_EMPTY(PolicySyntaxCheck.ID, "P3", FixKind.POLICY_FILE, 10, FAIL),
    POLICY_BOM(PolicySyntaxCheck.ID, "P12", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_NOT_UTF8(PolicySyntaxCheck.ID, "P12", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_CONTROL_CHARACTER(PolicySyntaxCheck.ID, "P1, P12", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_BARE_CR(PolicySyntaxCheck.ID, "P1", FixKind.LINE_ENDINGS, 5, FAIL),
    POLICY_LINE_ENDINGS(PolicySyntaxCheck.ID, "P1", FixKind.NONE, 0, INFO),
    POLICY_LINE_ENDINGS_MIXED(PolicySyntaxCheck.ID, "P1", FixKind.LINE_ENDINGS, 5, WARN),
    POLICY_BLANK_LINE(PolicySyntaxCheck.ID, "P2", FixKind.POLICY_FILE, 5, WARN),
    POLICY_LINE_LEADING_WHITESPACE(PolicySyntaxCheck.ID, "P2", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_LINE_SPACE_BEFORE_COLON(PolicySyntaxCheck.ID, "P2", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_LINE_NOT_KEY_VALUE(PolicySyntaxCheck.ID, "P2", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_EXTENSION_MALFORMED(PolicySyntaxCheck.ID, "P2, P7", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_VERSION_MISSING(PolicySyntaxCheck.ID, "P3", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_VERSION_INVALID(PolicySyntaxCheck.ID, "P4", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_VERSION_NOT_FIRST(PolicySyntaxCheck.ID, "P5", FixKind.NONE, 0, INFO),
    POLICY_MODE_MISSING(PolicySyntaxCheck.ID, "P3", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_MODE_INVALID(PolicySyntaxCheck.ID, "P4", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_MODE_NONE(PolicySyntaxCheck.ID, "C5", FixKind.NONE, 0, INFO),
    POLICY_MODE_TESTING(PolicySyntaxCheck.ID, "C8", FixKind.NONE, 0, INFO),
    POLICY_MAX_AGE_MISSING(PolicySyntaxCheck.ID, "P3", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_MAX_AGE_INVALID(PolicySyntaxCheck.ID, "P8", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_MAX_AGE_TOO_LARGE(PolicySyntaxCheck.ID, "P8", FixKind.POLICY_FILE, 5, FAIL),
    POLICY_MAX_AGE_ZERO(PolicySyntaxCheck.ID, "P8", FixKind.POLICY_FILE, 5, WARN),
    POLICY_MAX_AGE_SHORT(PolicySyntaxCheck.ID, "P8", FixKind.POLICY_FILE, 5, INFO, WARN),
    POLICY_MX_MISSING(PolicySyntaxCheck.ID, "P3", FixKind.POLICY_FILE, 10, FAIL),
    POLICY_MX_LIST(PolicySyntaxCheck.ID, "P9", FixKind.POLICY_FILE, 10, FAIL),
    POLICY_MX_IP_ADDRESS(PolicySyntaxCheck.ID, "P11", FixKind.POLICY_FILE, 10, FAIL),
    POLICY_MX_WILDCARD_MISPLACED(PolicySyntaxCheck.ID, "P11", FixKind.POLICY_FILE, 10, FAIL),
    POLICY_MX_U_LABEL(PolicySyntaxCheck.ID, "P10", FixKind.POLICY_FILE, 10, FAIL),
    POLICY_MX_INVALID(PolicySyntaxCheck.ID, "P11", FixKind.POLICY_FILE, 10, FAIL),
    POLICY_MX_TRAILING_DOT(PolicySyntaxCheck.ID, "P11", FixKind.POLICY_FILE, 10, WARN),
    POLICY_MX_DUPLICATE(PolicySyntaxCheck.ID, "P6", FixKind.NONE, 0, INFO),
    POLICY_DUPLICATE_FIELD(PolicySyntaxCheck.ID, "P6", FixKind.POLICY_FILE, 5, WARN),
    POLICY_UNKNOWN_FIELD(PolicySyntaxCheck.ID, "P7", FixKind.NONE, 0, INFO),
    POLICY_KEY_NEAR_MISS(PolicySyntaxCheck.ID, "P4, P7", FixKind.POLICY_FILE, 5, WARN),
    POLICY_NO_TLSRPT(PolicySyntaxCheck.ID, "C8", FixKind.TLSRPT_RECORD, 10, WARN),
    // id-sync (RFC 8461 §3.1, §8.1, §8.3, rules C1, C2, C4, C8, T14): the DNS id and the policy body over time
    ID_BASELINE(IdSyncCheck.ID, "C1", FixKind.NONE, 0, PASS),
    ID_IN_SYNC(IdSyncCheck.ID, "C1", FixKind.NONE, 0, PASS),
    ID_BUMPED(IdSyncCheck.ID, "C1", FixKind.NONE, 0, PASS),
    ID_NOT_BUMPED(IdSyncCheck.ID, "C1", FixKind.ID_BUMP, 5, FAIL),
    POLICY_EDITED_SAME_EFFECT(IdSyncCheck.ID, "C1", FixKind.NONE, 0, INFO),
    ID_BUMPED_SAME_POLICY(IdSyncCheck.ID, "C1", FixKind.NONE, 0, INFO),
    ID_BUMPED_BEFORE_POLICY(IdSyncCheck.ID, "C2", FixKind.ID_BUMP, 5, WARN),
    ID_REUSED(IdSyncCheck.ID, "C1", FixKind.ID_BUMP, 5, WARN),
    ID_LOOKS_STALE(IdSyncCheck.ID, "C1", FixKind.ID_BUMP, 5, WARN),
    STUCK_IN_TESTING(IdSyncCheck.ID, "C8", FixKind.ENFORCE_AFTER_REPORTS, 5, WARN),
    REMOVED_WITHOUT_NONE(IdSyncCheck.ID, "C4, T14", FixKind.STAGED_REMOVAL, 15, WARN),
    // mx-sync (RFC 8461 §4.1, rules M1–M6)
    MX_SYNC_OK(MxSyncCheck.ID, "M1, M5", FixKind.NONE, 0, PASS),
    MX_UNMATCHED(MxSyncCheck.ID, "M1, M3, M5", FixKind.POLICY_FILE, 10, INFO, WARN, FAIL),
    MX_PATTERN_STALE(MxSyncCheck.ID, "M4", FixKind.POLICY_FILE, 10, INFO, WARN),
    MX_PATTERN_WILDCARD(MxSyncCheck.ID, "M4", FixKind.NONE, 0, INFO),
    MX_HOST_UNRESOLVABLE(MxSyncCheck.ID, "M5", FixKind.OTHER_DNS, 10, WARN, FAIL),
    MX_HOSTS_NOT_EXAMINED(MxSyncCheck.ID, "M5", FixKind.NONE, 0, INFO),
    MX_HOST_LOOKUP_FAILED(MxSyncCheck.ID, "M5", FixKind.INVESTIGATE, 15, WARN),
    MX_LOOKUP_FAILED(MxSyncCheck.ID, "M5", FixKind.INVESTIGATE, 15, WARN),
    MX_IMPLICIT(MxSyncCheck.ID, "M6", FixKind.NONE, 0, INFO),
    MX_NULL(MxSyncCheck.ID, "M6", FixKind.NONE, 0, INFO),
    // tls-rpt (RFC 8460 §3, rules R1–R9, C8)
    TLSRPT_RECORD_VALID(TlsRptCheck.ID, "R3, R5", FixKind.NONE, 0, PASS),
    TLSRPT_RECORD_MISSING(TlsRptCheck.ID, "R1, C8", FixKind.TLSRPT_RECORD, 10, INFO, WARN),
    TLSRPT_LOOKUP_FAILED(TlsRptCheck.ID, "R1", FixKind.INVESTIGATE, 15, WARN),
    TLSRPT_CNAME(TlsRptCheck.ID, "R1", FixKind.NONE, 0, INFO),
    TLSRPT_CNAME_BROKEN(TlsRptCheck.ID, "R1", FixKind.TLSRPT_RECORD, 5, FAIL),
    TLSRPT_WRONG_LOCATION(TlsRptCheck.ID, "R1", FixKind.OTHER_DNS, 5, WARN, FAIL),
    TLSRPT_UNRELATED_TXT(TlsRptCheck.ID, "R3", FixKind.NONE, 0, INFO),
    TLSRPT_MALFORMED_VERSION(TlsRptCheck.ID, "R2", FixKind.TLSRPT_RECORD, 5, WARN, FAIL),
    TLSRPT_RECORD_MULTIPLE(TlsRptCheck.ID, "R3", FixKind.TLSRPT_RECORD, 5, FAIL),
    TLSRPT_RECORD_SYNTAX(TlsRptCheck.ID, "R2, R9", FixKind.TLSRPT_RECORD, 5, FAIL),
    TLSRPT_SPACE_BEFORE_SEMICOLON(TlsRptCheck.ID, "R3", FixKind.TLSRPT_RECORD, 5, WARN),
    TLSRPT_TRAILING_WHITESPACE(TlsRptCheck.ID, "R9", FixKind.TLSRPT_RECORD, 5, WARN),
    TLSRPT_RUA_MISSING(TlsRptCheck.ID, "R5", FixKind.TLSRPT_RECORD, 5, FAIL),
    TLSRPT_RUA_INVALID(TlsRptCheck.ID, "R6", FixKind.TLSRPT_RECORD, 5, FAIL),
    TLSRPT_RUA_UNENCODED(TlsRptCheck.ID, "R7", FixKind.TLSRPT_RECORD, 5, FAIL),
    TLSRPT_RUA_UNSUPPORTED_SCHEME(TlsRptCheck.ID, "R6", FixKind.TLSRPT_RECORD, 5, WARN, FAIL),
    TLSRPT_RUA_UNDELIVERABLE(TlsRptCheck.ID, "R12", FixKind.TLSRPT_RECORD, 5, WARN),
    TLSRPT_RECORD_EXPOSED(TlsRptCheck.ID, "R11", FixKind.NONE, 0, INFO),
    TLSRPT_RUA_HTTPS_OK(TlsRptCheck.ID, "R10", FixKind.NONE, 0, PASS),
    TLSRPT_RUA_HTTPS_UNREACHABLE(TlsRptCheck.ID, "R10", FixKind.WEB_SERVER, 30, WARN),
    TLSRPT_RUA_HTTPS_CERTIFICATE(TlsRptCheck.ID, "R10", FixKind.CERTIFICATE, 30, WARN),
    TLSRPT_REPORTS_RECEIVED(TlsRptCheck.ID, "—", FixKind.NONE, 0, INFO),
    TLSRPT_RUA_MULTIPLE(TlsRptCheck.ID, "R8", FixKind.NONE, 0, INFO),
    TLSRPT_EXTENSION(TlsRptCheck.ID, "R9", FixKind.NONE, 0, INFO),
    TLSRPT_SPLIT_STRINGS(TlsRptCheck.ID, "R4", FixKind.NONE, 0, INFO),
    // mx-tls (RFC 8461 §4, §4.2, §7, rules S1-S4, M5): every MX host probed as a sending MTA would
    MX_TLS_OK(MxTlsCheck.ID, "S1, S2, S4", FixKind.NONE, 0, PASS),
    MX_TLS_WITHOUT_SNI(MxTlsCheck.ID, "S3", FixKind.NONE, 0, INFO),
    MX_SNI_REQUIRED(MxTlsCheck.ID, "S3", FixKind.MAIL_SERVER, 30, FAIL),
    MX_STARTTLS_MISSING(MxTlsCheck.ID, "S1", FixKind.MAIL_SERVER, 30, INFO, WARN, FAIL),
    MX_STARTTLS_REFUSED(MxTlsCheck.ID, "S1", FixKind.MAIL_SERVER, 30, INFO, WARN, FAIL),
    MX_TLS_HANDSHAKE_FAILED(MxTlsCheck.ID, "S1", FixKind.MAIL_SERVER, 30, INFO, WARN, FAIL),
    MX_CERT_UNTRUSTED(MxTlsCheck.ID, "S2", FixKind.CERTIFICATE, 30, INFO, WARN, FAIL),
    MX_CERT_EXPIRED(MxTlsCheck.ID, "S2", FixKind.CERTIFICATE, 15, INFO, WARN, FAIL),
    MX_CERT_NOT_YET_VALID(MxTlsCheck.ID, "S2", FixKind.CERTIFICATE, 15, INFO, WARN, FAIL),
    MX_CERT_NAME_MISMATCH(MxTlsCheck.ID, "S2", FixKind.CERTIFICATE, 30, INFO, WARN, FAIL),
    MX_CERT_EXPIRING(MxTlsCheck.ID, "S2", FixKind.CERTIFICATE, 15, INFO, WARN),
    MX_TLS_OLD(MxTlsCheck.ID, "S4", FixKind.MAIL_SERVER, 60, INFO, WARN),
    MX_PORT25_BLOCKED(MxTlsCheck.ID, "S1", FixKind.INVESTIGATE, 15, INFO, WARN),
    MX_UNREACHABLE(MxTlsCheck.ID, "S1, M5", FixKind.MAIL_SERVER, 15, INFO, WARN),
    MX_CONNECTION_REFUSED(MxTlsCheck.ID, "S1, M5", FixKind.MAIL_SERVER, 15, INFO, WARN, FAIL),
    MX_ADDRESS_REFUSED(MxTlsCheck.ID, "M5", FixKind.OTHER_DNS, 5, INFO, WARN),
    MX_BANNER_GARBAGE(MxTlsCheck.ID, "S1", FixKind.MAIL_SERVER, 30, INFO, WARN, FAIL),
    MX_BANNER_REJECTED(MxTlsCheck.ID, "S1", FixKind.MAIL_SERVER, 15, INFO, WARN),
    MX_BANNER_TIMEOUT(MxTlsCheck.ID, "S1", FixKind.MAIL_SERVER, 15, INFO, WARN),
    MX_SMTP_TIMEOUT(MxTlsCheck.ID, "S1", FixKind.MAIL_SERVER, 30, INFO, WARN, FAIL),
    MX_EHLO_REJECTED(MxTlsCheck.ID, "S1", FixKind.MAIL_SERVER, 15, INFO, WARN),
    MX_SMTP_PROTOCOL_ERROR(MxTlsCheck.ID, "S1", FixKind.MAIL_SERVER, 30, INFO, WARN, FAIL),
    MX_CONNECTION_CLOSED(MxTlsCheck.ID, "S1", FixKind.MAIL_SERVER, 15, INFO, WARN),
    MX_NOT_PROBED(MxTlsCheck.ID, "M5", FixKind.INVESTIGATE, 5, INFO, WARN),
    MX_ADDRESSES_DIFFER(MxTlsCheck.ID, "S1, S2", FixKind.MAIL_SERVER, 30, INFO, WARN, FAIL),
    MX_IPV6_NOT_PROBED(MxTlsCheck.ID, "S1", FixKind.NONE, 0, INFO),
    MX_DANE_OK(MxTlsCheck.ID, "S5", FixKind.NONE, 0, PASS),
    MX_DANE_MISMATCH(MxTlsCheck.ID, "S5", FixKind.OTHER_DNS, 30, FAIL),
    MX_DANE_NO_TLS(MxTlsCheck.ID, "S5", FixKind.MAIL_SERVER, 30, FAIL),
    MX_DANE_UNSIGNED(MxTlsCheck.ID, "S5", FixKind.NONE, 0, INFO),
    MX_DANE_UNUSABLE(MxTlsCheck.ID, "S5", FixKind.NONE, 0, INFO),
    MX_DANE_LOOKUP_FAILED(MxTlsCheck.ID, "S5", FixKind.NONE, 0, INFO),
    MX_TLS_NO_POLICY(MxTlsCheck.ID, "C5", FixKind.NONE, 0, INFO);

    private static final long ASSUMED_TTL_SECONDS = 3_600;

    private final String code;
    private final String check;
    private final List<Severity> severities;
    private final String rules;
    private final FixKind fixKind;
    private final Duration work;

    FindingCode(String check, String rules, FixKind fixKind, int workMinutes, Severity... severities) {
        this.code = name().toLowerCase(Locale.ROOT).replace('_', '-');
        this.check = requireNonNull(check, "check is null");
        this.severities = List.of(severities);
        this.rules = requireNonNull(rules, "rules is null");
        this.fixKind = requireNonNull(fixKind, "fixKind is null");
        this.work = Duration.ofMinutes(workMinutes);
    }

    /** The entry for a finding code, e.g. {@code sts-record-id-invalid}. */
    public static Optional<FindingCode> forCode(String code) {
        for (FindingCode entry : values()) {
            if (entry.code.equals(code)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** The kebab-case code reported in findings, e.g. {@code sts-record-id-invalid}. */
    public String code() {
        return code;
    }

    /** The id of the check that reports this code. */
    public String check() {
        return check;
    }

    /** The severities this code may carry, best first. */
    public List<Severity> severities() {
        return severities;
    }

    /** The checklist rule ids this code implements, e.g. {@code T8}. */
    public String rules() {
        return rules;
    }

    public FixKind fixKind() {
        return fixKind;
    }

    /** One sentence for the findings table. */
    public String meaning() {
        return Meanings.of(code);
    }

    /** A pass finding. */
    public Finding pass(String message) {
        return create(PASS, message, "", Optional.empty());
    }

    /** An info finding with evidence (empty when there is none) and no remediation. */
    public Finding info(String message, String evidence) {
        return create(INFO, message, evidence, Optional.empty());
    }

    /**
     * A finding with a remediation: the exact change to make, and its fix time computed from the real TTLs.
     *
     * @throws IllegalStateException if this code may not carry the severity (a programming error)
     */
    public Finding problem(Severity severity, String message, String evidence, String action, FixContext fix) {
        return create(severity, message, evidence, Optional.of(new Remediation(action, fixTime(fix))));
    }

    /** How long the fix takes for this domain: hands-on work plus the real TTL it waits for. */
    public FixTime fixTime(FixContext fix) {
        String workText = Durations.describe(work.toSeconds());
        return switch (fixKind) {
            case NONE -> throw new IllegalStateException(code + " has no fix");
            case STS_RECORD -> dnsChange(workText, fix.stsTtl());
            case TLSRPT_RECORD -> dnsChange(workText, fix.tlsRptTtl());
            case OTHER_DNS -> dnsChange(workText, fix.otherTtl());
            case POLICY_FILE -> {
                long ttl = fix.stsTtl().orElse(ASSUMED_TTL_SECONDS);
                yield FixTime.of(
                        work,
                        Duration.ofSeconds(ttl),
                        workText + " change + id bump (senders see the new id within the TXT TTL, "
                                + (fix.stsTtl().isPresent() ? "up to " : "typically up to ")
                                + Durations.describe(ttl) + ")");
            }
            case WEB_SERVER -> FixTime.of(work, workText + " web server change");
            case CERTIFICATE -> FixTime.of(work, workText + ", depending on the certificate flow");
            case MAIL_SERVER -> FixTime.of(work, workText + " mail server change");
            case LINE_ENDINGS -> FixTime.of(work, "5 minutes");
            case INVESTIGATE ->
                FixTime.of(work, workText + " to investigate (the cause is outside what this check can see)");
            case ID_BUMP -> {
                long ttl = fix.stsTtl().orElse(ASSUMED_TTL_SECONDS);
                yield FixTime.of(
                        work,
                        Duration.ofSeconds(ttl),
                        workText + " change + TTL wait (" + (fix.stsTtl().isPresent() ? "up to " : "typically up to ")
                                + Durations.describe(ttl) + ")");
            }
            case ENFORCE_AFTER_REPORTS ->
                FixTime.of(work, Duration.ofDays(14), "2 weeks observation + " + workText + " change");
            case STAGED_REMOVAL -> FixTime.of(work, workText + " change + wait out the old max_age");
        };
    }

    /**
     * A finding whose wait the check computes itself (from history, e.g. the old max_age of a removed policy).
     *
     * @throws IllegalStateException if this code may not carry the severity (a programming error)
     */
    public Finding problem(Severity severity, String message, String evidence, String action, FixTime fixTime) {
        return create(severity, message, evidence, Optional.of(new Remediation(action, fixTime)));
    }

    /** The fix time as the findings table shows it, without a domain's TTLs. */
    public String fixTimeSummary() {
        String workText = Durations.describe(work.toSeconds());
        return switch (fixKind) {
            case NONE -> "—";
            case STS_RECORD -> workText + " change + DNS TTL of the _mta-sts record";
            case TLSRPT_RECORD -> workText + " change + DNS TTL of the _smtp._tls record";
            case OTHER_DNS -> workText + " change + DNS TTL";
            case POLICY_FILE -> workText + " change + id bump (TTL of the _mta-sts record)";
            case WEB_SERVER -> workText + " web server change";
            case CERTIFICATE -> workText + ", depending on the certificate flow";
            case MAIL_SERVER -> workText + " mail server change";
            case LINE_ENDINGS -> "5 minutes";
            case INVESTIGATE -> workText + " to investigate";
            case ID_BUMP -> workText + " change + TTL wait (TTL of the _mta-sts record)";
            case ENFORCE_AFTER_REPORTS -> "2 weeks observation + " + workText + " change";
            case STAGED_REMOVAL -> workText + " change + wait out the old max_age";
        };
    }

    private Finding create(Severity severity, String message, String evidence, Optional<Remediation> remediation) {
        if (!severities.contains(severity)) {
            throw new IllegalStateException(code + " may not be reported as " + severity.label());
        }
        return new Finding(code, severity, message, evidence, remediation);
    }

    private FixTime dnsChange(String workText, OptionalLong ttl) {
        if (ttl.isPresent()) {
            return FixTime.of(
                    work,
                    Duration.ofSeconds(ttl.getAsLong()),
                    workText + " change + DNS TTL (up to " + Durations.describe(ttl.getAsLong()) + ")");
        }
        return FixTime.of(
                work,
                Duration.ofSeconds(ASSUMED_TTL_SECONDS),
                workText + " change + DNS TTL (typically up to " + Durations.describe(ASSUMED_TTL_SECONDS) + ")");
    }

    /** The prose of each code ({@code findings.properties} beside this class, UTF-8), loaded on first use. */
    private static final class Meanings {
        private static final Properties TEXT = load();

        static String of(String code) {
            String meaning = TEXT.getProperty(code);
            if (meaning == null || meaning.isBlank()) {
                throw new IllegalStateException("findings.properties has no meaning for " + code);
            }
            return meaning;
        }

        private static Properties load() {
            try (InputStream in = FindingCode.class.getResourceAsStream("findings.properties")) {
                if (in == null) {
                    throw new IllegalStateException("findings.properties is missing beside FindingCode");
                }
                Properties text = new Properties();
                text.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                return text;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
