package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.chat.TlsReports;
import dev.mtasts.core.chat.TlsRptSummary;
import dev.mtasts.core.subscription.TlsReportNews;
import java.time.Duration;
import java.util.List;

/**
 * The report store as chat reads it: binds the core's {@link TlsReports} port (the engine cannot depend on this
 * module) to {@link TlsRptService#summary}, and the core's {@link TlsReportNews} to {@link TlsRptService#news}, so
 * subscribed channels hear what is new in the reports.
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
    public TlsRptSummary summary(String domain, int days) {
        return service.summary(domain, days);
    }
}
