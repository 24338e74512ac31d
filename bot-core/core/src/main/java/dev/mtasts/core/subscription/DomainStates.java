package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckStatus;
import dev.mtasts.core.Report;
import dev.mtasts.spi.Fact;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.Observation;
import dev.mtasts.spi.SenderView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Condenses a report into the {@link DomainState} that change detection compares. The verdicts come from the report;
 * what only raw lookups show (the policy body, the MX set, certificates) comes from the engine's observation when
 * there is one.
 *
 * <p>Whether TLS-RPT is published comes typed from the check that judged it ({@link Fact.TlsRptRecord}); a report
 * without that fact (no TLS-RPT check ran, or it timed out) leaves it unknown.
 */
public final class DomainStates {
    /** The engine's own codes for a check whose verdict is unknown. */
    private static final Set<String> INCONCLUSIVE_CODES = Set.of("check-timeout", "check-error");

    private DomainStates() {}

    /** The state of a report whose raw lookups are unknown: MX and certificate changes go unnoticed. */
    public static DomainState of(Report report) {
        return of(report, Optional.empty());
    }

    public static DomainState of(Report report, Optional<DomainState.Observed> observed) {
        requireNonNull(report, "report is null");
        requireNonNull(observed, "observed is null");
        Optional<SenderView.Policy> policy = report.sender().flatMap(SenderView::policy);
        return new DomainState(
                report.checkedAt(),
                report.status(),
                report.sender().flatMap(SenderView::recordId),
                policy.map(SenderView.Policy::mode),
                policy.map(SenderView.Policy::maxAge),
                policy.map(SenderView.Policy::mx).orElse(List.of()),
                report.policyBody().map(DomainStates::sha256),
                observed,
                tlsRpt(report),
                findings(report),
                inconclusiveChecks(report),
                List.of());
    }

    /**
     * The hash that identifies a policy body across checks, the same as the history's ({@link Observation#sha256}):
     * a CRLF conversion or a stray trailing space is not a policy change; anything else is.
     */
    public static String sha256(String body) {
        return Observation.sha256(body);
    }

    /**
     * What the engine's observation of a check saw of the raw lookups: the MX hosts, and the policy host's
     * certificate ({@code mta-sts.<domain>}) when a handshake completed.
     */
    public static DomainState.Observed observed(String domain, Observation observation) {
        requireNonNull(domain, "domain is null");
        requireNonNull(observation, "observation is null");
        List<DomainState.Certificate> certificates = observation
                .certificateNotAfter()
                .map(notAfter -> List.of(new DomainState.Certificate("mta-sts." + domain, notAfter)))
                .orElse(List.of());
        return new DomainState.Observed(observation.mxHosts(), certificates);
    }

    static DomainState.TlsRpt tlsRpt(Report report) {
        return report.facts().stream()
                .filter(Fact.TlsRptRecord.class::isInstance)
                .map(Fact.TlsRptRecord.class::cast)
                .findFirst()
                .map(record -> switch (record.publication()) {
                    case VALID -> DomainState.TlsRpt.VALID;
                    case MISSING -> DomainState.TlsRpt.MISSING;
                    case INVALID -> DomainState.TlsRpt.INVALID;
                    case UNKNOWN -> DomainState.TlsRpt.UNKNOWN;
                })
                .orElse(DomainState.TlsRpt.UNKNOWN);
    }

    /** Each code once, at its worst severity with that finding's message, sorted by code. */
    static List<DomainState.FindingState> findings(Report report) {
        Map<String, List<String>> expiring = new LinkedHashMap<>();
        report.facts().stream()
                .filter(Fact.CertificateExpiring.class::isInstance)
                .map(Fact.CertificateExpiring.class::cast)
                .forEach(fact ->
                        expiring.merge(fact.findingCode(), fact.hosts(), (a, b) -> Stream.concat(a.stream(), b.stream())
                                .distinct()
                                .sorted()
                                .toList()));
        Map<String, DomainState.FindingState> worst = new LinkedHashMap<>();
        for (CheckReport check : report.checks()) {
            for (Finding finding : check.findings()) {
                DomainState.FindingState state = new DomainState.FindingState(
                        finding.code(),
                        check.id(),
                        finding.severity(),
                        finding.message(),
                        expiring.getOrDefault(finding.code(), List.of()));
                worst.merge(
                        finding.code(),
                        state,
                        (kept, candidate) -> candidate.severity().isWorseThan(kept.severity()) ? candidate : kept);
            }
        }
        List<DomainState.FindingState> states = new ArrayList<>(worst.values());
        states.sort(Comparator.comparing(DomainState.FindingState::code));
        return List.copyOf(states);
    }

    /** Checks that were skipped, or whose verdict is unknown because they timed out or crashed. */
    static List<String> inconclusiveChecks(Report report) {
        return report.checks().stream()
                .filter(check -> check.status() == CheckStatus.SKIP
                        || check.findings().stream().anyMatch(finding -> INCONCLUSIVE_CODES.contains(finding.code())))
                .map(CheckReport::id)
                .sorted()
                .toList();
    }

    /**
     * Whether a finding says the check could not see something this time, rather than that something is wrong: a
     * check that crashed or timed out, a lookup that failed. Changes that come with such a finding are confirmed by
     * a second check before anyone is told.
     */
    public static boolean isInconclusive(String code) {
        return INCONCLUSIVE_CODES.contains(code) || code.endsWith("-lookup-failed") || code.endsWith("-timeout");
    }
}
