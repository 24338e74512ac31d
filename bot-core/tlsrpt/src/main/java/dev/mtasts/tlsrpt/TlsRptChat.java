package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.chat.TlsReports;
import dev.mtasts.core.chat.TlsRptDigest;

/**
 * The report store as chat reads it: binds the core's {@link TlsReports} port (the engine cannot depend on this
 * module) to {@link TlsRptService#summary}, turning the summary and its readiness into the core's {@link
 * TlsRptDigest}.
 */
public final class TlsRptChat implements TlsReports {
    private final TlsRptService service;

    public TlsRptChat(TlsRptService service) {
        this.service = requireNonNull(service, "service is null");
    }

    @Override
    public TlsRptDigest digest(String domain, int days) {
        return digest(service.summary(domain, days));
    }

    /** The summary for chat: the same figures, the verdict as the core's type. */
    public static TlsRptDigest digest(TlsRptSummary summary) {
        requireNonNull(summary, "summary is null");
        return new TlsRptDigest(
                summary.domain(),
                summary.from(),
                summary.to(),
                summary.reports(),
                summary.organizations(),
                summary.successful(),
                summary.failed(),
                summary.failures().stream()
                        .map(failure -> new TlsRptDigest.Failures(failure.resultType(), failure.count()))
                        .toList(),
                summary.byMx().stream()
                        .map(mx -> new TlsRptDigest.MxSessions(mx.mx(), mx.successful(), mx.failed()))
                        .toList(),
                summary.lastReceived(),
                switch (summary.readiness()) {
                    case Readiness.Ready ready ->
                        new TlsRptDigest.Verdict.Ready(
                                ready.newId(), ready.policyChange(), ready.record(), ready.reasons());
                    case Readiness.Blocked blocked -> new TlsRptDigest.Verdict.Blocked(blocked.reasons());
                    case Readiness.Enforcing enforcing ->
                        new TlsRptDigest.Verdict.Enforcing(
                                enforcing.successful(), enforcing.failed(), enforcing.reasons());
                });
    }
}
