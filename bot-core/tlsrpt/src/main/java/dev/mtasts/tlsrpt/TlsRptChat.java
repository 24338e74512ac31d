package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.chat.TlsReports;
import dev.mtasts.core.chat.TlsRptDigest;
import dev.mtasts.core.subscription.TlsReportNews;
import java.time.Duration;
import java.util.List;

/**
 * The report store as chat reads it: binds the core's {@link TlsReports} port (the engine cannot depend on this
 * module) to {@link TlsRptService#summary}, turning the summary and its readiness into the core's {@link
 * TlsRptDigest}; and the core's {@link TlsReportNews} to {@link TlsRptService#news}, so subscribed channels hear
 * what is new in the reports.
 */
public final class TlsRptChat implements TlsReports, TlsReportNews {
    private final TlsRptService service;
    private final double threshold;

    /** For {@code /mtasts reports} alone; news uses the default threshold ({@value TlsRptNews#DEFAULT_THRESHOLD}). */
    public TlsRptChat(TlsRptService service) {
        this(service, TlsRptNews.DEFAULT_THRESHOLD);
    }

    /**
     * @param threshold the failure share above which subscribed channels are told ({@code tlsrpt.failure-threshold})
     */
    public TlsRptChat(TlsRptService service, double threshold) {
        this.service = requireNonNull(service, "service is null");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], not " + threshold);
        }
        this.threshold = threshold;
    }

    /** What the reports received in the last {@code recent} show that is new, for the subscription notifications. */
    @Override
    public List<TlsReportNews.News> news(String domain, Duration recent) {
        return service.news(domain, recent, threshold).stream()
                .map(news -> new TlsReportNews.News(news.headline(), news.mxHosts(), news.fixes()))
                .toList();
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
