package dev.mtasts.checks;

import static dev.mtasts.spi.Severity.INFO;
import static dev.mtasts.spi.Severity.PASS;

import dev.mtasts.checks.policy.Durations;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Remediation;
import dev.mtasts.spi.Severity;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A finding code of the {@code mta-sts} plugin. Each check owns its codes in an enum beside it, one line a code (as a
 * Trino plugin owns its {@code ErrorCode} enum): {@link DnsRecordCode}, {@link PolicyFetchCode},
 * {@link PolicySyntaxCode}, {@link IdSyncCode}, {@link MxSyncCode}, {@link TlsRptCode} and {@link MxTlsCode}. A line
 * gives the checklist rules the code implements, how its fix is estimated (kind and minutes of work) and the
 * severities it may carry; the code is the constant's name in lower case with dashes, and what it means, in prose, is
 * in {@code findings.properties} beside this interface. Findings are only ever built through these enums, so a code
 * cannot be reported at a severity its entry does not list, and {@code FINDINGS.md} documents exactly these codes (a
 * test keeps them in step).
 */
public sealed interface FindingCode
        permits DnsRecordCode, PolicyFetchCode, PolicySyntaxCode, IdSyncCode, MxSyncCode, TlsRptCode, MxTlsCode {
    /** How long a DNS answer is assumed to be cached when the real TTL is unknown. */
    long ASSUMED_TTL_SECONDS = 3_600;

    /** This code's line of the catalogue. */
    CodeSpec spec();

    /** Every code, in the order of {@code FINDINGS.md}: check by check, as a report runs. */
    static List<FindingCode> all() {
        return Stream.<FindingCode[]>of(
                        DnsRecordCode.values(),
                        PolicyFetchCode.values(),
                        PolicySyntaxCode.values(),
                        IdSyncCode.values(),
                        MxSyncCode.values(),
                        TlsRptCode.values(),
                        MxTlsCode.values())
                .flatMap(Arrays::stream)
                .toList();
    }

    /** The entry for a finding code, e.g. {@code sts-record-id-invalid}. */
    static Optional<FindingCode> forCode(String code) {
        return all().stream().filter(entry -> entry.code().equals(code)).findFirst();
    }

    /** The kebab-case code reported in findings, e.g. {@code sts-record-id-invalid}. */
    default String code() {
        return spec().code();
    }

    /** The id of the check that reports this code. */
    default String check() {
        return spec().check();
    }

    /** The severities this code may carry, best first. */
    default List<Severity> severities() {
        return spec().severities();
    }

    /** The checklist rule ids this code implements, e.g. {@code T8}. */
    default String rules() {
        return spec().rules();
    }

    default FixKind fixKind() {
        return spec().fixKind();
    }

    /** One sentence for the findings table. */
    default String meaning() {
        return FindingMeanings.of(code());
    }

    /** A pass finding. */
    default Finding pass(String message) {
        return create(PASS, message, "", Optional.empty());
    }

    /** An info finding with evidence (empty when there is none) and no remediation. */
    default Finding info(String message, String evidence) {
        return create(INFO, message, evidence, Optional.empty());
    }

    /**
     * A finding with a remediation: the exact change to make, and its fix time computed from the real TTLs.
     *
     * @throws IllegalStateException if this code may not carry the severity (a programming error)
     */
    default Finding problem(Severity severity, String message, String evidence, String action, FixContext fix) {
        return create(severity, message, evidence, Optional.of(new Remediation(action, fixTime(fix))));
    }

    /** How long the fix takes for this domain: hands-on work plus the real TTL it waits for. */
    default FixTime fixTime(FixContext fix) {
        String workText = Durations.describe(spec().work().toSeconds());
        return switch (fixKind()) {
            case NONE -> throw new IllegalStateException(code() + " has no fix");
            case STS_RECORD -> dnsChange(workText, fix.stsTtl());
            case TLSRPT_RECORD -> dnsChange(workText, fix.tlsRptTtl());
            case OTHER_DNS -> dnsChange(workText, fix.otherTtl());
            case POLICY_FILE -> {
                long ttl = fix.stsTtl().orElse(ASSUMED_TTL_SECONDS);
                yield FixTime.of(
                        spec().work(),
                        Duration.ofSeconds(ttl),
                        workText + " change + id bump (senders see the new id within the TXT TTL, "
                                + (fix.stsTtl().isPresent() ? "up to " : "typically up to ")
                                + Durations.describe(ttl) + ")");
            }
            case WEB_SERVER -> FixTime.of(spec().work(), workText + " web server change");
            case CERTIFICATE -> FixTime.of(spec().work(), workText + ", depending on the certificate flow");
            case MAIL_SERVER -> FixTime.of(spec().work(), workText + " mail server change");
            case LINE_ENDINGS -> FixTime.of(spec().work(), "5 minutes");
            case INVESTIGATE ->
                FixTime.of(spec().work(), workText + " to investigate (the cause is outside what this check can see)");
            case ID_BUMP -> {
                long ttl = fix.stsTtl().orElse(ASSUMED_TTL_SECONDS);
                yield FixTime.of(
                        spec().work(),
                        Duration.ofSeconds(ttl),
                        workText + " change + TTL wait (" + (fix.stsTtl().isPresent() ? "up to " : "typically up to ")
                                + Durations.describe(ttl) + ")");
            }
            case ENFORCE_AFTER_REPORTS ->
                FixTime.of(spec().work(), Duration.ofDays(14), "2 weeks observation + " + workText + " change");
            case STAGED_REMOVAL -> FixTime.of(spec().work(), workText + " change + wait out the old max_age");
        };
    }

    /**
     * A finding whose wait the check computes itself (from history, e.g. the old max_age of a removed policy).
     *
     * @throws IllegalStateException if this code may not carry the severity (a programming error)
     */
    default Finding problem(Severity severity, String message, String evidence, String action, FixTime fixTime) {
        return create(severity, message, evidence, Optional.of(new Remediation(action, fixTime)));
    }

    /** The fix time as the findings table shows it, without a domain's TTLs. */
    default String fixTimeSummary() {
        String workText = Durations.describe(spec().work().toSeconds());
        return switch (fixKind()) {
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
        if (!severities().contains(severity)) {
            throw new IllegalStateException(code() + " may not be reported as " + severity.label());
        }
        return new Finding(code(), severity, message, evidence, remediation);
    }

    private FixTime dnsChange(String workText, OptionalLong ttl) {
        if (ttl.isPresent()) {
            return FixTime.of(
                    spec().work(),
                    Duration.ofSeconds(ttl.getAsLong()),
                    workText + " change + DNS TTL (up to " + Durations.describe(ttl.getAsLong()) + ")");
        }
        return FixTime.of(
                spec().work(),
                Duration.ofSeconds(ASSUMED_TTL_SECONDS),
                workText + " change + DNS TTL (typically up to " + Durations.describe(ASSUMED_TTL_SECONDS) + ")");
    }
}
