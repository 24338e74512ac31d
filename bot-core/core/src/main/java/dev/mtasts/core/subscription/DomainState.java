package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.Severity;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the subscribers of a domain were last told about it: the condensed result of one check, which the next
 * check is compared with. Built by {@link DomainStates}; compared by {@link ChangeDetector}. Copies with a component
 * changed come from the generated {@code DomainStateBuilder.With}.
 *
 * @param checkedAt when the check started
 * @param status the report's overall status
 * @param recordId the {@code id} of the one valid {@code _mta-sts} record, when there was one
 * @param mode the valid policy's mode, when a policy was fetched and parsed
 * @param maxAge the valid policy's {@code max_age} in seconds
 * @param policyMx the valid policy's {@code mx} patterns, in file order
 * @param policySha256 the hash of the policy body as fetched ({@link DomainStates#sha256}), valid or not; empty when
 *     no body was fetched
 * @param observed what only the raw lookups show (MX hosts, certificates); empty when unknown
 * @param tlsRpt whether a valid TLS-RPT record was published
 * @param findings every finding code of the report with its worst severity and message, sorted by code
 * @param inconclusiveChecks the ids of the checks that were skipped, timed out or crashed: their earlier findings
 *     are neither confirmed nor cleared
 * @param reminders when each expiring certificate or expiry finding was last announced, for the daily reminder
 */
@RecordBuilder
public record DomainState(
        Instant checkedAt,
        Severity status,
        Optional<String> recordId,
        Optional<String> mode,
        Optional<Long> maxAge,
        List<String> policyMx,
        Optional<String> policySha256,
        Optional<Observed> observed,
        TlsRpt tlsRpt,
        List<FindingState> findings,
        List<String> inconclusiveChecks,
        List<Reminder> reminders)
        implements DomainStateBuilder.With {
    public DomainState {
        requireNonNull(checkedAt, "checkedAt is null");
        requireNonNull(status, "status is null");
        requireNonNull(recordId, "recordId is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(maxAge, "maxAge is null");
        policyMx = List.copyOf(requireNonNull(policyMx, "policyMx is null"));
        requireNonNull(policySha256, "policySha256 is null");
        requireNonNull(observed, "observed is null");
        requireNonNull(tlsRpt, "tlsRpt is null");
        findings = List.copyOf(requireNonNull(findings, "findings is null"));
        inconclusiveChecks = List.copyOf(requireNonNull(inconclusiveChecks, "inconclusiveChecks is null"));
        reminders = List.copyOf(requireNonNull(reminders, "reminders is null"));
    }

    /** Whether a policy was fetched and parsed: its mode is known. */
    public boolean hasPolicy() {
        return mode.isPresent();
    }

    public Optional<FindingState> finding(String code) {
        return findings.stream().filter(finding -> finding.code().equals(code)).findFirst();
    }

    /** The codes reported as warn or fail: the problems a subscriber is told about. */
    public List<FindingState> problems() {
        return findings.stream().filter(FindingState::isProblem).toList();
    }

    /**
     * The MX hosts that match none of the policy's {@code mx} patterns (RFC 8461 §4.1), in host order; empty when
     * either half is unknown, when there is no policy, or for a null MX.
     */
    public List<String> uncoveredMx() {
        if (observed.isEmpty() || !hasPolicy()) {
            return List.of();
        }
        List<String> uncovered = new ArrayList<>();
        for (String host : observed.get().mxHosts()) {
            if (host.equals(".")) {
                continue;
            }
            if (policyMx.stream().noneMatch(pattern -> matches(pattern, host))) {
                uncovered.add(host);
            }
        }
        return List.copyOf(uncovered);
    }

    /** This state with what the check could not see taken from {@code earlier}; see {@link ChangeDetector}. */
    DomainState carryingForward(Optional<Observed> observed, TlsRpt tlsRpt, List<FindingState> findings) {
        return with(copy -> copy.observed(observed).tlsRpt(tlsRpt).findings(findings));
    }

    /** RFC 8461 §4.1: an exact name, or {@code *.} matching exactly one leftmost label; case-insensitive. */
    static boolean matches(String pattern, String host) {
        String normalisedPattern = stripDot(pattern.toLowerCase(Locale.ROOT));
        String normalisedHost = stripDot(host.toLowerCase(Locale.ROOT));
        if (normalisedPattern.startsWith("*.")) {
            String suffix = normalisedPattern.substring(1);
            if (!normalisedHost.endsWith(suffix)) {
                return false;
            }
            String label = normalisedHost.substring(0, normalisedHost.length() - suffix.length());
            return !label.isEmpty() && label.indexOf('.') < 0;
        }
        return normalisedPattern.equals(normalisedHost);
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /**
     * What the raw lookups of a check saw, known only when the engine kept its observation.
     *
     * @param mxHosts the domain's MX hosts, lower case, sorted; {@code .} for a null MX
     * @param certificates the certificates seen (policy host, MX hosts), sorted by host
     */
    public record Observed(List<String> mxHosts, List<Certificate> certificates) {
        public Observed {
            mxHosts = List.copyOf(requireNonNull(mxHosts, "mxHosts is null"));
            certificates = List.copyOf(requireNonNull(certificates, "certificates is null"));
        }

        public Optional<Certificate> certificate(String host) {
            return certificates.stream()
                    .filter(certificate -> certificate.host().equals(host))
                    .findFirst();
        }
    }

    /** The end of validity of the certificate a host presented. */
    public record Certificate(String host, Instant notAfter) {
        public Certificate {
            requireNonNull(host, "host is null");
            requireNonNull(notAfter, "notAfter is null");
        }
    }

    /**
     * One finding code of a report, with the check that reported it, its worst severity and that message.
     *
     * @param expiringCertificates the hosts whose certificates this finding says expire soon, as the check published
     *     them ({@link dev.mtasts.spi.Fact.CertificateExpiring}); empty for any other finding
     */
    public record FindingState(
            String code, String check, Severity severity, String message, List<String> expiringCertificates) {
        public FindingState {
            requireNonNull(code, "code is null");
            requireNonNull(check, "check is null");
            requireNonNull(severity, "severity is null");
            requireNonNull(message, "message is null");
            expiringCertificates = List.copyOf(requireNonNull(expiringCertificates, "expiringCertificates is null"));
        }

        /** A finding that is not about expiring certificates. */
        public FindingState(String code, String check, Severity severity, String message) {
            this(code, check, severity, message, List.of());
        }

        public boolean isProblem() {
            return severity == Severity.WARN || severity == Severity.FAIL;
        }
    }

    /**
     * When subscribers were last reminded of something that needs fixing by a date: a certificate ({@code subject} is
     * its host, {@code notAfter} its end) or an expiry finding ({@code subject} is its code).
     */
    public record Reminder(String subject, Optional<Instant> notAfter, Instant remindedAt) {
        public Reminder {
            requireNonNull(subject, "subject is null");
            requireNonNull(notAfter, "notAfter is null");
            requireNonNull(remindedAt, "remindedAt is null");
        }
    }

    /** Whether the domain publishes a usable TLS-RPT record. */
    public enum TlsRpt {
        VALID,
        MISSING,
        /** A record meant as TLS-RPT exists, but reporters would discard it. */
        INVALID,
        /** The lookup failed, or no TLS-RPT check ran. */
        UNKNOWN;

        public String label() {
            return switch (this) {
                case VALID -> "valid record";
                case MISSING -> "no record";
                case INVALID -> "invalid record";
                case UNKNOWN -> "unknown";
            };
        }
    }
}
