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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every finding code of the {@code mta-sts} plugin, with the check that reports it, the severities it may carry,
 * the checklist rules it implements, its meaning and how its fix is estimated. Findings are only ever built
 * through this enum, so a code cannot be reported at a severity its entry does not list, and {@code FINDINGS.md}
 * documents exactly these codes (a test keeps them in step).
 */
public enum FindingCode {
    // dns-record (RFC 8461 §3.1, rules T1–T15)
    STS_RECORD_VALID(
            "sts-record-valid",
            DnsRecordCheck.ID,
            List.of(PASS),
            "T5",
            FixKind.NONE,
            0,
            "Exactly one valid v=STSv1 record: senders go on to fetch the policy."),
    STS_RECORD_MISSING(
            "sts-record-missing",
            DnsRecordCheck.ID,
            List.of(FAIL),
            "T1",
            FixKind.STS_RECORD,
            5,
            "No v=STSv1 record at _mta-sts: MTA-STS is not deployed (louder when mta-sts.{domain} serves a policy"
                    + " senders never fetch)."),
    STS_RECORD_LOOKUP_FAILED(
            "sts-record-lookup-failed",
            DnsRecordCheck.ID,
            List.of(WARN, FAIL),
            "T1",
            FixKind.INVESTIGATE,
            15,
            "The _mta-sts lookup failed: fail on a server failure (senders get it too), warn on a timeout."),
    STS_RECORD_CNAME(
            "sts-record-cname",
            DnsRecordCheck.ID,
            List.of(INFO),
            "T12",
            FixKind.NONE,
            0,
            "_mta-sts is a CNAME; senders follow it (shows the chain)."),
    STS_RECORD_CNAME_BROKEN(
            "sts-record-cname-broken",
            DnsRecordCheck.ID,
            List.of(FAIL),
            "T12",
            FixKind.STS_RECORD,
            5,
            "The _mta-sts CNAME dangles or loops: senders find no record."),
    STS_RECORD_CNAME_CONFLICT(
            "sts-record-cname-conflict",
            DnsRecordCheck.ID,
            List.of(WARN),
            "T12",
            FixKind.STS_RECORD,
            5,
            "A CNAME and TXT records at _mta-sts at once (RFC 1034 forbids it; some servers answer anyway): senders"
                    + " may follow the CNAME or read the TXT records, so they can see different records."),
    STS_RECORD_UNRELATED_TXT(
            "sts-record-unrelated-txt",
            DnsRecordCheck.ID,
            List.of(INFO),
            "T4",
            FixKind.NONE,
            0,
            "Other TXT records at _mta-sts; senders discard them (not an error)."),
    STS_RECORD_MALFORMED_VERSION(
            "sts-record-malformed-version",
            DnsRecordCheck.ID,
            List.of(WARN, FAIL),
            "T6",
            FixKind.STS_RECORD,
            5,
            "A record meant as MTA-STS does not begin with v=STSv1 (case, spaces, order): senders discard it; warn"
                    + " when a v=STSv1 record exists too."),
    STS_RECORD_MULTIPLE(
            "sts-record-multiple",
            DnsRecordCheck.ID,
            List.of(FAIL),
            "T5",
            FixKind.STS_RECORD,
            5,
            "Two or more v=STSv1 records: senders use none of them."),
    STS_RECORD_NOT_ASCII(
            "sts-record-not-ascii",
            DnsRecordCheck.ID,
            List.of(FAIL),
            "T2",
            FixKind.STS_RECORD,
            5,
            "The record holds a byte outside US-ASCII: senders discard it."),
    STS_RECORD_SYNTAX(
            "sts-record-syntax",
            DnsRecordCheck.ID,
            List.of(FAIL),
            "T10, T11",
            FixKind.STS_RECORD,
            5,
            "The record breaks the RFC 8461 grammar (missing \";\", spaces around \"=\", bad field name or"
                    + " value): senders discard it."),
    STS_RECORD_SPACE_BEFORE_SEMICOLON(
            "sts-record-space-before-semicolon",
            DnsRecordCheck.ID,
            List.of(WARN),
            "T7",
            FixKind.STS_RECORD,
            5,
            "\"v=STSv1 ;\": valid by the ABNF, but senders that require \"v=STSv1;\" discard it (erratum 6285)."),
    STS_RECORD_TRAILING_WHITESPACE(
            "sts-record-trailing-whitespace",
            DnsRecordCheck.ID,
            List.of(WARN),
            "T11",
            FixKind.STS_RECORD,
            5,
            "Whitespace at the end of the record without a final \";\"."),
    STS_RECORD_ID_MISSING(
            "sts-record-id-missing",
            DnsRecordCheck.ID,
            List.of(FAIL),
            "T8",
            FixKind.STS_RECORD,
            5,
            "The record has no id field (ID= is not id=): senders discard it."),
    STS_RECORD_ID_INVALID(
            "sts-record-id-invalid",
            DnsRecordCheck.ID,
            List.of(FAIL),
            "T8",
            FixKind.STS_RECORD,
            5,
            "The id is not 1 to 32 letters and digits (e.g. id=2024-01-01 or a SHA-256): it parses as an"
                    + " extension, so the record has no id."),
    STS_RECORD_ID_DUPLICATE(
            "sts-record-id-duplicate",
            DnsRecordCheck.ID,
            List.of(WARN),
            "T9",
            FixKind.STS_RECORD,
            5,
            "id is given twice: the first wins by RFC 8461, but some senders keep the last."),
    STS_RECORD_EXTENSION(
            "sts-record-extension",
            DnsRecordCheck.ID,
            List.of(INFO),
            "T10",
            FixKind.NONE,
            0,
            "Unknown but well-formed fields; senders ignore them."),
    STS_RECORD_SPLIT_STRINGS(
            "sts-record-split-strings",
            DnsRecordCheck.ID,
            List.of(INFO),
            "T3",
            FixKind.NONE,
            0,
            "The record is split into several strings; senders join them without spaces (shows the result)."),
    STS_RECORD_AT_APEX(
            "sts-record-at-apex",
            DnsRecordCheck.ID,
            List.of(WARN),
            "T15",
            FixKind.OTHER_DNS,
            5,
            "A v=STSv1 record at the domain itself instead of _mta-sts; senders never look there."),
    STS_RECORD_PARENT_NOT_APPLIED(
            "sts-record-parent-not-applied",
            DnsRecordCheck.ID,
            List.of(INFO),
            "T13",
            FixKind.NONE,
            0,
            "The parent domain publishes MTA-STS, but senders never apply it to a subdomain."),

    // policy-fetch (RFC 8461 §3.2, §3.3, §7.1, rules H1–H11)
    POLICY_FETCH_OK(
            "policy-fetch-ok",
            PolicyFetchCheck.ID,
            List.of(PASS),
            "H1, H4, H6",
            FixKind.NONE,
            0,
            "The policy URL answers 200 with text/plain, no redirect, within size and time."),
    POLICY_CERT_VALID(
            "policy-cert-valid",
            PolicyFetchCheck.ID,
            List.of(PASS),
            "H2",
            FixKind.NONE,
            0,
            "The policy host's certificate is trusted, unexpired and valid for mta-sts.{domain}."),
    POLICY_HOST_MISSING(
            "policy-host-missing",
            PolicyFetchCheck.ID,
            List.of(FAIL),
            "H1",
            FixKind.OTHER_DNS,
            10,
            "mta-sts.{domain} does not resolve: senders cannot fetch the policy."),
    POLICY_HOST_LOOKUP_FAILED(
            "policy-host-lookup-failed",
            PolicyFetchCheck.ID,
            List.of(FAIL),
            "H1",
            FixKind.INVESTIGATE,
            15,
            "The DNS lookup of mta-sts.{domain} fails (server failure, CNAME loop)."),
    POLICY_HOST_SINGLE_FAMILY(
            "policy-host-single-family",
            PolicyFetchCheck.ID,
            List.of(INFO),
            "H10",
            FixKind.NONE,
            0,
            "mta-sts.{domain} has only IPv4 or only IPv6 addresses."),
    POLICY_HOST_ADDRESS_REFUSED(
            "policy-host-address-refused",
            PolicyFetchCheck.ID,
            List.of(FAIL),
            "H11",
            FixKind.OTHER_DNS,
            10,
            "mta-sts.{domain} resolves only to private, loopback or otherwise non-public addresses."),
    POLICY_FETCH_TIMEOUT(
            "policy-fetch-timeout",
            PolicyFetchCheck.ID,
            List.of(FAIL),
            "H7",
            FixKind.WEB_SERVER,
            30,
            "The policy host did not answer in time."),
    POLICY_FETCH_CONNECTION_FAILED(
            "policy-fetch-connection-failed",
            PolicyFetchCheck.ID,
            List.of(FAIL),
            "H1",
            FixKind.WEB_SERVER,
            30,
            "No HTTPS connection to the policy host (refused, reset, protocol error)."),
    POLICY_FETCH_TLS_FAILED(
            "policy-fetch-tls-failed",
            PolicyFetchCheck.ID,
            List.of(FAIL),
            "H2, H8",
            FixKind.CERTIFICATE,
            30,
            "The TLS handshake with the policy host failed."),
    POLICY_CERT_EXPIRED(
            "policy-cert-expired",
            PolicyFetchCheck.ID,
            List.of(FAIL),
            "H2",
            FixKind.CERTIFICATE,
            30,
            "The policy host's certificate has expired: senders refuse the policy."),
    POLICY_CERT_NOT_YET_VALID(
            "policy-cert-not-yet-valid",
            PolicyFetchCheck.ID,
            List.of(FAIL),
            "H2",
            FixKind.CERTIFICATE,
            30,
            "The policy host's certificate is not valid yet."),
    POLICY_CERT_UNTRUSTED(
            "policy-cert-untrusted",
            PolicyFetchCheck.ID,
            List.of(FAIL),
            "H2",
            FixKind.CERTIFICATE,
            30,
            "The certificate does not chain to a trusted root (self-signed, missing intermediate)."),
    POLICY_CERT_NAME_MISMATCH(
            "policy-cert-name-mismatch",
            PolicyFetchCheck.ID,
            List.of(FAIL),
            "H2, H8",
            FixKind.CERTIFICATE,
            30,
            "No SAN DNS name of the certificate matches mta-sts.{domain}."),
    POLICY_CERT_EXPIRES_SOON(
            "policy-cert-expires-soon",
            PolicyFetchCheck.ID,
            List.of(WARN),
            "H2",
            FixKind.CERTIFICATE,
            30,
            "The certificate expires within 14 days."),
    POLICY_FETCH_REDIRECT(
            "policy-fetch-redirect",
            PolicyFetchCheck.ID,
            List.of(FAIL),
            "H4",
            FixKind.WEB_SERVER,
            15,
            "The policy URL redirects (3xx); senders MUST NOT follow redirects."),
    POLICY_FETCH_STATUS(
            "policy-fetch-status",
            PolicyFetchCheck.ID,
            List.of(FAIL),
            "H4",
            FixKind.WEB_SERVER,
            15,
            "The policy URL answers a status other than 200 (404, 500, 204...)."),
    POLICY_CONTENT_TYPE(
            "policy-content-type",
            PolicyFetchCheck.ID,
            List.of(FAIL),
            "H6",
            FixKind.WEB_SERVER,
            10,
            "The policy is not served as text/plain; the RFC says SHOULD, but widely deployed senders reject it."),
    POLICY_CHARSET(
            "policy-charset",
            PolicyFetchCheck.ID,
            List.of(WARN),
            "H6",
            FixKind.WEB_SERVER,
            10,
            "The Content-Type names a charset other than utf-8 or us-ascii."),
    POLICY_TOO_LARGE(
            "policy-too-large",
            PolicyFetchCheck.ID,
            List.of(FAIL),
            "H7",
            FixKind.WEB_SERVER,
            10,
            "The body is over 64 KiB; senders stop reading and reject it."),
    POLICY_FETCH_SLOW(
            "policy-fetch-slow",
            PolicyFetchCheck.ID,
            List.of(WARN),
            "H7",
            FixKind.WEB_SERVER,
            30,
            "The policy took over 4 seconds; some senders give up after 4 s."),
    POLICY_HTTP_CACHE(
            "policy-http-cache",
            PolicyFetchCheck.ID,
            List.of(INFO),
            "H5",
            FixKind.NONE,
            0,
            "Cache-Control allows proxies to keep the policy for more than 60 s (RFC 8461 §8.2 suggests 60 s)."),

    // policy-syntax (RFC 8461 §3.2, rules P1–P12, C5, C8)
    POLICY_VALID(
            "policy-valid",
            PolicySyntaxCheck.ID,
            List.of(PASS),
            "P3",
            FixKind.NONE,
            0,
            "The policy file is valid: version, mode, max_age and mx as required."),
    POLICY_EMPTY(
            "policy-empty",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P3",
            FixKind.POLICY_FILE,
            10,
            "The policy file is empty."),
    POLICY_BOM(
            "policy-bom",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P12",
            FixKind.POLICY_FILE,
            5,
            "The file starts with a UTF-8 byte order mark, so the first key is not read."),
    POLICY_NOT_UTF8(
            "policy-not-utf8",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P12",
            FixKind.POLICY_FILE,
            5,
            "The file is not valid UTF-8."),
    POLICY_CONTROL_CHARACTER(
            "policy-control-character",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P1, P12",
            FixKind.POLICY_FILE,
            5,
            "A control character or an exotic line break (NUL, VT, FF, U+2028) in a line."),
    POLICY_BARE_CR(
            "policy-bare-cr",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P1",
            FixKind.LINE_ENDINGS,
            5,
            "A line ends in a bare CR, which is not a line break in a policy."),
    POLICY_LINE_ENDINGS(
            "policy-line-endings",
            PolicySyntaxCheck.ID,
            List.of(INFO),
            "P1",
            FixKind.NONE,
            0,
            "Which line endings the file uses (LF or CRLF); both are valid."),
    POLICY_LINE_ENDINGS_MIXED(
            "policy-line-endings-mixed",
            PolicySyntaxCheck.ID,
            List.of(WARN),
            "P1",
            FixKind.LINE_ENDINGS,
            5,
            "The file mixes LF and CRLF: valid by the ABNF, but some parsers reject it."),
    POLICY_BLANK_LINE(
            "policy-blank-line",
            PolicySyntaxCheck.ID,
            List.of(WARN),
            "P2",
            FixKind.POLICY_FILE,
            5,
            "Empty lines between fields or more than one line break at the end (mox rejects them)."),
    POLICY_LINE_LEADING_WHITESPACE(
            "policy-line-leading-whitespace",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P2",
            FixKind.POLICY_FILE,
            5,
            "A line starts with whitespace, so its key is not read."),
    POLICY_LINE_SPACE_BEFORE_COLON(
            "policy-line-space-before-colon",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P2",
            FixKind.POLICY_FILE,
            5,
            "Whitespace between a key and \":\", so the key is not read."),
    POLICY_LINE_NOT_KEY_VALUE(
            "policy-line-not-key-value",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P2",
            FixKind.POLICY_FILE,
            5,
            "A line that is not \"key: value\" (comments, \"=\" instead of \":\", HTML)."),
    POLICY_EXTENSION_MALFORMED(
            "policy-extension-malformed",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P2, P7",
            FixKind.POLICY_FILE,
            5,
            "An unknown field whose name or value breaks the grammar."),
    POLICY_VERSION_MISSING(
            "policy-version-missing",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P3",
            FixKind.POLICY_FILE,
            5,
            "No \"version: STSv1\" line."),
    POLICY_VERSION_INVALID(
            "policy-version-invalid",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P4",
            FixKind.POLICY_FILE,
            5,
            "The version is not exactly STSv1 (case-sensitive)."),
    POLICY_VERSION_NOT_FIRST(
            "policy-version-not-first",
            PolicySyntaxCheck.ID,
            List.of(INFO),
            "P5",
            FixKind.NONE,
            0,
            "version is not the first field: valid, but Google's documentation asks for it first."),
    POLICY_MODE_MISSING(
            "policy-mode-missing",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P3",
            FixKind.POLICY_FILE,
            5,
            "No mode line (\"Mode:\" does not count: keys are case-sensitive)."),
    POLICY_MODE_INVALID(
            "policy-mode-invalid",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P4",
            FixKind.POLICY_FILE,
            5,
            "The mode is not testing, enforce or none (case-sensitive)."),
    POLICY_MODE_NONE(
            "policy-mode-none",
            PolicySyntaxCheck.ID,
            List.of(INFO),
            "C5",
            FixKind.NONE,
            0,
            "mode none: senders treat the domain as having no policy; protection is off."),
    POLICY_MODE_TESTING(
            "policy-mode-testing",
            PolicySyntaxCheck.ID,
            List.of(INFO),
            "C8",
            FixKind.NONE,
            0,
            "mode testing: senders deliver anyway and only report failures."),
    POLICY_MAX_AGE_MISSING(
            "policy-max-age-missing",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P3",
            FixKind.POLICY_FILE,
            5,
            "No max_age line."),
    POLICY_MAX_AGE_INVALID(
            "policy-max-age-invalid",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P8",
            FixKind.POLICY_FILE,
            5,
            "max_age is not 1 to 10 digits (units, signs, decimals)."),
    POLICY_MAX_AGE_TOO_LARGE(
            "policy-max-age-too-large",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P8",
            FixKind.POLICY_FILE,
            5,
            "max_age is above 31557600 (one year); senders reject, cap or accept it."),
    POLICY_MAX_AGE_ZERO(
            "policy-max-age-zero",
            PolicySyntaxCheck.ID,
            List.of(WARN),
            "P8",
            FixKind.POLICY_FILE,
            5,
            "max_age 0: allowed, but nothing is cached and some senders reject it."),
    POLICY_MAX_AGE_SHORT(
            "policy-max-age-short",
            PolicySyntaxCheck.ID,
            List.of(INFO, WARN),
            "P8",
            FixKind.POLICY_FILE,
            5,
            "max_age under one week in enforce (warn) or under one day in testing (info)."),
    POLICY_MX_MISSING(
            "policy-mx-missing",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P3",
            FixKind.POLICY_FILE,
            10,
            "No mx line in testing or enforce mode."),
    POLICY_MX_LIST(
            "policy-mx-list",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P9",
            FixKind.POLICY_FILE,
            10,
            "Several hosts on one mx line (comma or space list); each MX needs its own line."),
    POLICY_MX_IP_ADDRESS(
            "policy-mx-ip-address",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P11",
            FixKind.POLICY_FILE,
            10,
            "An IP address as an mx value; patterns match host names only."),
    POLICY_MX_WILDCARD_MISPLACED(
            "policy-mx-wildcard-misplaced",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P11",
            FixKind.POLICY_FILE,
            10,
            "\"*\" anywhere but a leading \"*.\" (mail*.example.com, *.*.example.com)."),
    POLICY_MX_U_LABEL(
            "policy-mx-u-label",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P10",
            FixKind.POLICY_FILE,
            10,
            "An mx value in Unicode; the A-label (xn--...) is required."),
    POLICY_MX_INVALID(
            "policy-mx-invalid",
            PolicySyntaxCheck.ID,
            List.of(FAIL),
            "P11",
            FixKind.POLICY_FILE,
            10,
            "An mx value that is not a host name (underscore, empty label, bad character)."),
    POLICY_MX_TRAILING_DOT(
            "policy-mx-trailing-dot",
            PolicySyntaxCheck.ID,
            List.of(WARN),
            "P11",
            FixKind.POLICY_FILE,
            10,
            "An mx value ending in a dot; some matchers then match nothing."),
    POLICY_MX_DUPLICATE(
            "policy-mx-duplicate",
            PolicySyntaxCheck.ID,
            List.of(INFO),
            "P6",
            FixKind.NONE,
            0,
            "The same mx value twice; harmless."),
    POLICY_DUPLICATE_FIELD(
            "policy-duplicate-field",
            PolicySyntaxCheck.ID,
            List.of(WARN),
            "P6",
            FixKind.POLICY_FILE,
            5,
            "version, mode or max_age twice: the first wins by RFC 8461, some senders keep the last."),
    POLICY_UNKNOWN_FIELD(
            "policy-unknown-field",
            PolicySyntaxCheck.ID,
            List.of(INFO),
            "P7",
            FixKind.NONE,
            0,
            "Unknown fields; senders ignore them."),
    POLICY_KEY_NEAR_MISS(
            "policy-key-near-miss",
            PolicySyntaxCheck.ID,
            List.of(WARN),
            "P4, P7",
            FixKind.POLICY_FILE,
            5,
            "An unknown key that looks like a known one (nmx, max-age, Mode, MX); it sets nothing."),
    POLICY_NO_TLSRPT(
            "policy-no-tlsrpt",
            PolicySyntaxCheck.ID,
            List.of(WARN),
            "C8",
            FixKind.TLSRPT_RECORD,
            10,
            "testing or enforce without a valid TLS-RPT record: nobody sees the failure reports."),

    // id-sync (RFC 8461 §3.1, §8.1, §8.3, rules C1, C2, C4, C8, T14): the DNS id and the policy body over time
    ID_BASELINE(
            "id-baseline",
            IdSyncCheck.ID,
            List.of(PASS),
            "C1",
            FixKind.NONE,
            0,
            "First observation of the domain: the id and policy body are recorded for later checks to compare."),
    ID_IN_SYNC(
            "id-in-sync",
            IdSyncCheck.ID,
            List.of(PASS),
            "C1",
            FixKind.NONE,
            0,
            "The id and the policy body are unchanged since the last check."),
    ID_BUMPED(
            "id-bumped",
            IdSyncCheck.ID,
            List.of(PASS),
            "C1",
            FixKind.NONE,
            0,
            "A new id was published with (or after) a policy change: senders fetch the new policy."),
    ID_NOT_BUMPED(
            "id-not-bumped",
            IdSyncCheck.ID,
            List.of(FAIL),
            "C1",
            FixKind.ID_BUMP,
            5,
            "The policy body changed while the id stayed the same: senders that cached the old policy keep it up to"
                    + " its max_age. Shows the diff."),
    POLICY_EDITED_SAME_EFFECT(
            "policy-edited-same-effect",
            IdSyncCheck.ID,
            List.of(INFO),
            "C1",
            FixKind.NONE,
            0,
            "The policy file was edited without a new id, but mode, max_age and mx patterns are unchanged."),
    ID_BUMPED_SAME_POLICY(
            "id-bumped-same-policy",
            IdSyncCheck.ID,
            List.of(INFO),
            "C1",
            FixKind.NONE,
            0,
            "A new id was published while the policy body stayed identical (and was re-published): harmless."),
    ID_BUMPED_BEFORE_POLICY(
            "id-bumped-before-policy",
            IdSyncCheck.ID,
            List.of(WARN),
            "C2",
            FixKind.ID_BUMP,
            5,
            "A new id was published while the policy file is the old one, untouched: the wrong order if a policy"
                    + " change is coming (RFC 8461 §8.1)."),
    ID_REUSED(
            "id-reused",
            IdSyncCheck.ID,
            List.of(WARN),
            "C1",
            FixKind.ID_BUMP,
            5,
            "The id was published before for another policy that senders may still cache."),
    ID_LOOKS_STALE(
            "id-looks-stale",
            IdSyncCheck.ID,
            List.of(WARN),
            "C1",
            FixKind.ID_BUMP,
            5,
            "The id looks like a date (YYYYMMDD...) more than 30 days older than the policy's Last-Modified; ids"
                    + " are never compared by size."),
    STUCK_IN_TESTING(
            "stuck-in-testing",
            IdSyncCheck.ID,
            List.of(WARN),
            "C8",
            FixKind.ENFORCE_AFTER_REPORTS,
            5,
            "Mode testing for more than 6 months (by history, or by a date-shaped id and Last-Modified)."),
    REMOVED_WITHOUT_NONE(
            "removed-without-none",
            IdSyncCheck.ID,
            List.of(WARN),
            "C4, T14",
            FixKind.STAGED_REMOVAL,
            15,
            "The TXT record or the policy endpoint disappeared while the last policy was enforce with a max_age over"
                    + " a day."),

    // mx-sync (RFC 8461 §4.1, rules M1–M6)
    MX_SYNC_OK(
            "mx-sync-ok",
            MxSyncCheck.ID,
            List.of(PASS),
            "M1, M5",
            FixKind.NONE,
            0,
            "Every MX host, at every preference, matches a policy pattern and resolves."),
    MX_UNMATCHED(
            "mx-unmatched",
            MxSyncCheck.ID,
            List.of(INFO, WARN, FAIL),
            "M1, M3, M5",
            FixKind.POLICY_FILE,
            10,
            "An MX host matches no mx pattern: fail in enforce (senders refuse it), warn in testing, info in"
                    + " none."),
    MX_PATTERN_STALE(
            "mx-pattern-stale",
            MxSyncCheck.ID,
            List.of(INFO, WARN),
            "M4",
            FixKind.POLICY_FILE,
            10,
            "An mx pattern matches none of the domain's MX hosts (info in mode none)."),
    MX_PATTERN_WILDCARD(
            "mx-pattern-wildcard",
            MxSyncCheck.ID,
            List.of(INFO),
            "M4",
            FixKind.NONE,
            0,
            "A wildcard pattern accepts any host one label below it with a valid certificate."),
    MX_HOST_UNRESOLVABLE(
            "mx-host-unresolvable",
            MxSyncCheck.ID,
            List.of(WARN, FAIL),
            "M5",
            FixKind.OTHER_DNS,
            10,
            "An MX host has no A or AAAA record: fail when no MX resolves, warn otherwise."),
    MX_HOSTS_NOT_EXAMINED(
            "mx-hosts-not-examined",
            MxSyncCheck.ID,
            List.of(INFO),
            "M5",
            FixKind.NONE,
            0,
            "The domain publishes more MX hosts than the bot looks up (mx-probe.max-mx-lookups, in preference"
                    + " order); the others were not examined."),
    MX_HOST_LOOKUP_FAILED(
            "mx-host-lookup-failed",
            MxSyncCheck.ID,
            List.of(WARN),
            "M5",
            FixKind.INVESTIGATE,
            15,
            "The address lookup of an MX host failed."),
    MX_LOOKUP_FAILED(
            "mx-lookup-failed",
            MxSyncCheck.ID,
            List.of(WARN),
            "M5",
            FixKind.INVESTIGATE,
            15,
            "The MX lookup of the domain failed, so the MX set could not be compared."),
    MX_IMPLICIT(
            "mx-implicit",
            MxSyncCheck.ID,
            List.of(INFO),
            "M6",
            FixKind.NONE,
            0,
            "No MX records: the domain itself is the implicit MX and must match a pattern."),
    MX_NULL(
            "mx-null",
            MxSyncCheck.ID,
            List.of(INFO),
            "M6",
            FixKind.NONE,
            0,
            "A null MX (RFC 7505): the domain accepts no mail, so MTA-STS is moot."),

    // tls-rpt (RFC 8460 §3, rules R1–R9, C8)
    TLSRPT_RECORD_VALID(
            "tlsrpt-record-valid",
            TlsRptCheck.ID,
            List.of(PASS),
            "R3, R5",
            FixKind.NONE,
            0,
            "Exactly one valid v=TLSRPTv1 record with a usable rua URI."),
    TLSRPT_RECORD_MISSING(
            "tlsrpt-record-missing",
            TlsRptCheck.ID,
            List.of(INFO, WARN),
            "R1, C8",
            FixKind.TLSRPT_RECORD,
            10,
            "No TLS-RPT record: warn when a policy is in testing or enforce (nobody sees failures), info"
                    + " otherwise."),
    TLSRPT_LOOKUP_FAILED(
            "tlsrpt-lookup-failed",
            TlsRptCheck.ID,
            List.of(WARN),
            "R1",
            FixKind.INVESTIGATE,
            15,
            "The _smtp._tls lookup failed."),
    TLSRPT_CNAME(
            "tlsrpt-cname",
            TlsRptCheck.ID,
            List.of(INFO),
            "R1",
            FixKind.NONE,
            0,
            "_smtp._tls is a CNAME; reporters follow it (shows the chain)."),
    TLSRPT_CNAME_BROKEN(
            "tlsrpt-cname-broken",
            TlsRptCheck.ID,
            List.of(FAIL),
            "R1",
            FixKind.TLSRPT_RECORD,
            5,
            "The _smtp._tls CNAME dangles or loops: reporters find no record."),
    TLSRPT_WRONG_LOCATION(
            "tlsrpt-wrong-location",
            TlsRptCheck.ID,
            List.of(WARN, FAIL),
            "R1",
            FixKind.OTHER_DNS,
            5,
            "A v=TLSRPTv1 record at the legacy _smtp-tlsrpt name or the domain itself: fail when it is the only"
                    + " one, warn as a leftover."),
    TLSRPT_UNRELATED_TXT(
            "tlsrpt-unrelated-txt",
            TlsRptCheck.ID,
            List.of(INFO),
            "R3",
            FixKind.NONE,
            0,
            "Other TXT records at _smtp._tls; reporters discard them."),
    TLSRPT_MALFORMED_VERSION(
            "tlsrpt-malformed-version",
            TlsRptCheck.ID,
            List.of(WARN, FAIL),
            "R2",
            FixKind.TLSRPT_RECORD,
            5,
            "A record meant as TLS-RPT does not begin with v=TLSRPTv1: reporters discard it; warn when a"
                    + " v=TLSRPTv1 record exists too."),
    TLSRPT_RECORD_MULTIPLE(
            "tlsrpt-record-multiple",
            TlsRptCheck.ID,
            List.of(FAIL),
            "R3",
            FixKind.TLSRPT_RECORD,
            5,
            "Two or more v=TLSRPTv1 records: reporters use none."),
    TLSRPT_RECORD_SYNTAX(
            "tlsrpt-record-syntax",
            TlsRptCheck.ID,
            List.of(FAIL),
            "R2, R9",
            FixKind.TLSRPT_RECORD,
            5,
            "The record breaks the RFC 8460 grammar: reporters discard it."),
    TLSRPT_SPACE_BEFORE_SEMICOLON(
            "tlsrpt-space-before-semicolon",
            TlsRptCheck.ID,
            List.of(WARN),
            "R3",
            FixKind.TLSRPT_RECORD,
            5,
            "\"v=TLSRPTv1 ;\": reporters that require \"v=TLSRPTv1;\" discard it."),
    TLSRPT_TRAILING_WHITESPACE(
            "tlsrpt-trailing-whitespace",
            TlsRptCheck.ID,
            List.of(WARN),
            "R9",
            FixKind.TLSRPT_RECORD,
            5,
            "Whitespace at the end of the record without a final \";\"."),
    TLSRPT_RUA_MISSING(
            "tlsrpt-rua-missing",
            TlsRptCheck.ID,
            List.of(FAIL),
            "R5",
            FixKind.TLSRPT_RECORD,
            5,
            "The record has no rua field (RUA= is not rua=)."),
    TLSRPT_RUA_INVALID(
            "tlsrpt-rua-invalid",
            TlsRptCheck.ID,
            List.of(FAIL),
            "R6",
            FixKind.TLSRPT_RECORD,
            5,
            "A rua entry is not a URI, or a mailto:/https: URI has no usable address or host."),
    TLSRPT_RUA_UNENCODED(
            "tlsrpt-rua-unencoded",
            TlsRptCheck.ID,
            List.of(FAIL),
            "R7",
            FixKind.TLSRPT_RECORD,
            5,
            "An unencoded \"!\" in a rua URI, typically a DMARC-style !10m size suffix."),
    TLSRPT_RUA_UNSUPPORTED_SCHEME(
            "tlsrpt-rua-unsupported-scheme",
            TlsRptCheck.ID,
            List.of(WARN, FAIL),
            "R6",
            FixKind.TLSRPT_RECORD,
            5,
            "A rua URI with a scheme other than mailto: or https: (fail when no other URI is left)."),
    TLSRPT_RUA_UNDELIVERABLE(
            "tlsrpt-rua-undeliverable",
            TlsRptCheck.ID,
            List.of(WARN),
            "R12",
            FixKind.TLSRPT_RECORD,
            5,
            "A mailto: rua whose domain has no MX and no address (or a null MX): reports cannot be delivered."),
    TLSRPT_RECORD_EXPOSED(
            "tlsrpt-record-exposed",
            TlsRptCheck.ID,
            List.of(INFO),
            "R11",
            FixKind.NONE,
            0,
            "The TLS-RPT record has a short TTL (under 1 hour) and the resolver did not validate it with DNSSEC (no"
                    + " AD bit): an attacker who blocks or spoofs DNS briefly can divert or stop reports (RFC 8460"
                    + " §7)."),
    TLSRPT_RUA_HTTPS_OK(
            "tlsrpt-rua-https-ok",
            TlsRptCheck.ID,
            List.of(PASS),
            "R10",
            FixKind.NONE,
            0,
            "An https: rua answers over HTTPS with a valid certificate for its name (fetched with a GET through the"
                    + " address guard; reporters POST)."),
    TLSRPT_RUA_HTTPS_UNREACHABLE(
            "tlsrpt-rua-https-unreachable",
            TlsRptCheck.ID,
            List.of(WARN),
            "R10",
            FixKind.WEB_SERVER,
            30,
            "An https: rua cannot be reached (no address, refused, timed out, no TLS, or a private address):"
                    + " reports sent there are lost."),
    TLSRPT_RUA_HTTPS_CERTIFICATE(
            "tlsrpt-rua-https-certificate",
            TlsRptCheck.ID,
            List.of(WARN),
            "R10",
            FixKind.CERTIFICATE,
            30,
            "The certificate of an https: rua is expired, untrusted or for another name; reporters may ignore that"
                    + " (RFC 8460 §3), but those that do not drop the reports."),
    TLSRPT_REPORTS_RECEIVED(
            "tlsrpt-reports-received",
            TlsRptCheck.ID,
            List.of(INFO),
            "—",
            FixKind.NONE,
            0,
            "The rua points at this bot: says when the latest report about the domain arrived here, or that none has"
                    + " yet (serve with tlsrpt.report-addresses)."),
    TLSRPT_RUA_MULTIPLE(
            "tlsrpt-rua-multiple",
            TlsRptCheck.ID,
            List.of(INFO),
            "R8",
            FixKind.NONE,
            0,
            "Several rua fields; allowed, reporters may use any or all."),
    TLSRPT_EXTENSION(
            "tlsrpt-extension",
            TlsRptCheck.ID,
            List.of(INFO),
            "R9",
            FixKind.NONE,
            0,
            "Unknown but well-formed fields; reporters ignore them."),
    TLSRPT_SPLIT_STRINGS(
            "tlsrpt-split-strings",
            TlsRptCheck.ID,
            List.of(INFO),
            "R4",
            FixKind.NONE,
            0,
            "The record is split into several strings; reporters join them without spaces."),

    // mx-tls (RFC 8461 §4, §4.2, §7, rules S1-S4, M5): every MX host probed as a sending MTA would
    MX_TLS_OK(
            "mx-tls-ok",
            MxTlsCheck.ID,
            List.of(PASS),
            "S1, S2, S4",
            FixKind.NONE,
            0,
            "The MX host offers STARTTLS, with TLS 1.2 or later, and a trusted, current certificate valid for its"
                    + " name."),
    MX_TLS_WITHOUT_SNI(
            "mx-tls-without-sni",
            MxTlsCheck.ID,
            List.of(INFO),
            "S3",
            FixKind.NONE,
            0,
            "The optional second handshake, without SNI, was accepted: senders that send no SNI get the fallback"
                    + " certificate shown (only when mx-probe.probe-without-sni is on)."),
    MX_SNI_REQUIRED(
            "mx-sni-required",
            MxTlsCheck.ID,
            List.of(FAIL),
            "S3",
            FixKind.MAIL_SERVER,
            30,
            "The MX host completes a handshake with SNI but refuses one without it; RFC 8461 §7.1 says servers must"
                    + " not require SNI, so senders that send none cannot use TLS."),
    MX_STARTTLS_MISSING(
            "mx-starttls-missing",
            MxTlsCheck.ID,
            List.of(INFO, WARN, FAIL),
            "S1",
            FixKind.MAIL_SERVER,
            30,
            "The MX host does not offer STARTTLS: fail in enforce mode (senders refuse it), warn in testing, info in"
                    + " none or without a policy."),
    MX_STARTTLS_REFUSED(
            "mx-starttls-refused",
            MxTlsCheck.ID,
            List.of(INFO, WARN, FAIL),
            "S1",
            FixKind.MAIL_SERVER,
            30,
            "The MX host lists STARTTLS but refuses it (e.g. 454): usually an unreadable certificate or key;"
                    + " severity by mode."),
    MX_TLS_HANDSHAKE_FAILED(
            "mx-tls-handshake-failed",
            MxTlsCheck.ID,
            List.of(INFO, WARN, FAIL),
            "S1",
            FixKind.MAIL_SERVER,
            30,
            "STARTTLS was accepted but the TLS handshake failed or timed out; severity by mode."),
    MX_CERT_UNTRUSTED(
            "mx-cert-untrusted",
            MxTlsCheck.ID,
            List.of(INFO, WARN, FAIL),
            "S2",
            FixKind.CERTIFICATE,
            30,
            "The MX certificate does not chain to a trusted root (self-signed, private CA, missing intermediate);"
                    + " severity by mode."),
    MX_CERT_EXPIRED(
            "mx-cert-expired",
            MxTlsCheck.ID,
            List.of(INFO, WARN, FAIL),
            "S2",
            FixKind.CERTIFICATE,
            15,
            "The MX certificate has expired; severity by mode."),
    MX_CERT_NOT_YET_VALID(
            "mx-cert-not-yet-valid",
            MxTlsCheck.ID,
            List.of(INFO, WARN, FAIL),
            "S2",
            FixKind.CERTIFICATE,
            15,
            "The MX certificate is not valid yet; severity by mode."),
    MX_CERT_NAME_MISMATCH(
            "mx-cert-name-mismatch",
            MxTlsCheck.ID,
            List.of(INFO, WARN, FAIL),
            "S2",
            FixKind.CERTIFICATE,
            30,
            "No SAN DNS name of the MX certificate matches the MX host name (the CN is not used); severity by mode."),
    MX_CERT_EXPIRING(
            "mx-cert-expiring",
            MxTlsCheck.ID,
            List.of(INFO, WARN),
            "S2",
            FixKind.CERTIFICATE,
            15,
            "The MX certificate expires within 14 days: warn in testing and enforce mode, info otherwise."),
    MX_TLS_OLD(
            "mx-tls-old",
            MxTlsCheck.ID,
            List.of(INFO, WARN),
            "S4",
            FixKind.MAIL_SERVER,
            60,
            "The MX host speaks only TLS below 1.2 (RFC 8461 §7.2 requires 1.2 or later): warn in testing and"
                    + " enforce mode, info otherwise."),
    MX_PORT25_BLOCKED(
            "mx-port25-blocked",
            MxTlsCheck.ID,
            List.of(INFO, WARN),
            "S1",
            FixKind.INVESTIGATE,
            15,
            "No MX host could be reached on port 25 in time: outbound SMTP is probably blocked where the bot runs,"
                    + " so the verdict is unknown; warn in testing and enforce mode, info otherwise."),
    MX_UNREACHABLE(
            "mx-unreachable",
            MxTlsCheck.ID,
            List.of(INFO, WARN),
            "S1, M5",
            FixKind.MAIL_SERVER,
            15,
            "One MX host could not be reached on port 25 while others could: it may be down or filtered; warn in"
                    + " testing and enforce mode, info otherwise."),
    MX_CONNECTION_REFUSED(
            "mx-connection-refused",
            MxTlsCheck.ID,
            List.of(INFO, WARN, FAIL),
            "S1, M5",
            FixKind.MAIL_SERVER,
            15,
            "The MX host refuses connections on port 25, so no sender can deliver to it; severity by mode."),
    MX_ADDRESS_REFUSED(
            "mx-address-refused",
            MxTlsCheck.ID,
            List.of(INFO, WARN),
            "M5",
            FixKind.OTHER_DNS,
            5,
            "The MX host resolves only to private, loopback or reserved addresses, which the bot (like senders on"
                    + " the internet) does not reach; warn in testing and enforce mode, info otherwise."),
    MX_BANNER_GARBAGE(
            "mx-banner-garbage",
            MxTlsCheck.ID,
            List.of(INFO, WARN, FAIL),
            "S1",
            FixKind.MAIL_SERVER,
            30,
            "Port 25 of the MX host answers with something that is not SMTP; severity by mode."),
    MX_BANNER_REJECTED(
            "mx-banner-rejected",
            MxTlsCheck.ID,
            List.of(INFO, WARN),
            "S1",
            FixKind.MAIL_SERVER,
            15,
            "The MX host refused service in its greeting (4xx/5xx), perhaps only to the bot's address; warn in"
                    + " testing and enforce mode, info otherwise."),
    MX_BANNER_TIMEOUT(
            "mx-banner-timeout",
            MxTlsCheck.ID,
            List.of(INFO, WARN),
            "S1",
            FixKind.MAIL_SERVER,
            15,
            "The MX host accepted the connection but sent no greeting in time (overload, tarpit); warn in testing"
                    + " and enforce mode, info otherwise."),
    MX_SMTP_TIMEOUT(
            "mx-smtp-timeout",
            MxTlsCheck.ID,
            List.of(INFO, WARN, FAIL),
            "S1",
            FixKind.MAIL_SERVER,
            30,
            "The MX host greeted, then did not answer EHLO or STARTTLS in time; severity by mode."),
    MX_EHLO_REJECTED(
            "mx-ehlo-rejected",
            MxTlsCheck.ID,
            List.of(INFO, WARN),
            "S1",
            FixKind.MAIL_SERVER,
            15,
            "The MX host refused the bot's EHLO, so STARTTLS could not be tested; warn in testing and enforce"
                    + " mode, info otherwise."),
    MX_SMTP_PROTOCOL_ERROR(
            "mx-smtp-protocol-error",
            MxTlsCheck.ID,
            List.of(INFO, WARN, FAIL),
            "S1",
            FixKind.MAIL_SERVER,
            30,
            "A reply after the greeting is not valid SMTP; severity by mode."),
    MX_CONNECTION_CLOSED(
            "mx-connection-closed",
            MxTlsCheck.ID,
            List.of(INFO, WARN),
            "S1",
            FixKind.MAIL_SERVER,
            15,
            "The MX host closed the connection before TLS, perhaps only for the bot's address; warn in testing and"
                    + " enforce mode, info otherwise."),
    MX_NOT_PROBED(
            "mx-not-probed",
            MxTlsCheck.ID,
            List.of(INFO, WARN),
            "M5",
            FixKind.INVESTIGATE,
            5,
            "An MX host was not probed: over the probe limit or without an address (info), or the probe did not"
                    + " finish before the deadline (warn in testing and enforce mode)."),
    MX_ADDRESSES_DIFFER(
            "mx-addresses-differ",
            MxTlsCheck.ID,
            List.of(INFO, WARN, FAIL),
            "S1, S2",
            FixKind.MAIL_SERVER,
            30,
            "The addresses of one MX host behave differently (one presents a bad certificate or no STARTTLS):"
                    + " senders refuse the bad address and try the next, so delivery is delayed or fails; severity"
                    + " follows the policy mode."),
    MX_IPV6_NOT_PROBED(
            "mx-ipv6-not-probed",
            MxTlsCheck.ID,
            List.of(INFO),
            "S1",
            FixKind.NONE,
            0,
            "The bot's machine has no IPv6 route, so the MX hosts' IPv6 addresses were not probed from here."),
    MX_DANE_OK(
            "mx-dane-ok",
            MxTlsCheck.ID,
            List.of(PASS),
            "S5",
            FixKind.NONE,
            0,
            "The MX host's DNSSEC-signed TLSA records match the certificate chain it presents (DANE, RFC 7672)."),
    MX_DANE_MISMATCH(
            "mx-dane-mismatch",
            MxTlsCheck.ID,
            List.of(FAIL),
            "S5",
            FixKind.OTHER_DNS,
            30,
            "DNSSEC-signed TLSA records that do not match the presented chain: DANE senders refuse the host, and"
                    + " MTA-STS must not override that (RFC 8461 §2), whatever the policy mode."),
    MX_DANE_NO_TLS(
            "mx-dane-no-tls",
            MxTlsCheck.ID,
            List.of(FAIL),
            "S5",
            FixKind.MAIL_SERVER,
            30,
            "DNSSEC-signed TLSA records make TLS mandatory for DANE senders, but no TLS session could be made: they"
                    + " do not deliver to the host, whatever the policy mode."),
    MX_DANE_UNSIGNED(
            "mx-dane-unsigned",
            MxTlsCheck.ID,
            List.of(INFO),
            "S5",
            FixKind.NONE,
            0,
            "TLSA records the resolver did not validate with DNSSEC: senders ignore them (or the bot's resolver does"
                    + " not validate)."),
    MX_DANE_UNUSABLE(
            "mx-dane-unusable",
            MxTlsCheck.ID,
            List.of(INFO),
            "S5",
            FixKind.NONE,
            0,
            "Signed TLSA records, none usable for SMTP (PKIX-TA/PKIX-EE usages or unknown parameters, RFC 7672"
                    + " §3.1.3)."),
    MX_DANE_LOOKUP_FAILED(
            "mx-dane-lookup-failed",
            MxTlsCheck.ID,
            List.of(INFO),
            "S5",
            FixKind.NONE,
            0,
            "The TLSA lookup failed, so DANE could not be judged; DANE senders defer mail while a signed zone fails"
                    + " to answer."),
    MX_TLS_NO_POLICY(
            "mx-tls-no-policy",
            MxTlsCheck.ID,
            List.of(INFO),
            "C5",
            FixKind.NONE,
            0,
            "No policy in testing or enforce mode: the MX results show what enforcement would meet, and change"
                    + " nothing today.");

    private static final long ASSUMED_TTL_SECONDS = 3_600;

    private final String code;
    private final String check;
    private final List<Severity> severities;
    private final String rules;
    private final FixKind fixKind;
    private final Duration work;
    private final String meaning;

    FindingCode(
            String code,
            String check,
            List<Severity> severities,
            String rules,
            FixKind fixKind,
            int workMinutes,
            String meaning) {
        this.code = requireNonNull(code, "code is null");
        this.check = requireNonNull(check, "check is null");
        this.severities = List.copyOf(severities);
        this.rules = requireNonNull(rules, "rules is null");
        this.fixKind = requireNonNull(fixKind, "fixKind is null");
        this.work = Duration.ofMinutes(workMinutes);
        this.meaning = requireNonNull(meaning, "meaning is null");
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
        return meaning;
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
}
