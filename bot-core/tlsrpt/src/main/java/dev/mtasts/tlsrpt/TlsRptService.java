package dev.mtasts.tlsrpt;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.chat.Readiness;
import dev.mtasts.core.chat.TlsRptSummary;
import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.tlsrpt.ParseResult.Parsed;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one TLS-RPT flow every front end calls: accept reports (files, mail, HTTP bodies), summarise a domain, judge
 * whether it is safe to enforce, and say what is new. Safe for concurrent use.
 */
public final class TlsRptService {
    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 3650;

    private final JdbcTlsRptStore store;
    private final HistoryStore history;
    private final ReportParser parser;
    private final MailReports mail;
    private final Clock clock;

    public TlsRptService(JdbcTlsRptStore store, HistoryStore history, ReportParser parser, Clock clock) {
        this.store = requireNonNull(store, "store is null");
        this.history = requireNonNull(history, "history is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.mail = new MailReports(parser);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The service over an open history store: reports live in its database, with its retention, and readiness reads
     * the policy from its observations. The caller keeps closing {@code history}.
     */
    public static TlsRptService over(JdbcHistoryStore history, int retentionDays, Clock clock) {
        JdbcTlsRptStore store = new JdbcTlsRptStore(history.dataSource(), Duration.ofDays(retentionDays), clock);
        store.prune();
        return new TlsRptService(store, history, new ReportParser(ReportLimits.defaults()), clock);
    }

    public ReportLimits limits() {
        return parser.limits();
    }

    /**
     * Parses and stores one report body (JSON or gzip). Throws {@link TlsRptStoreException} when the database fails; a
     * bad report is a {@link ImportOutcome.Rejected}, never an exception.
     */
    public ImportOutcome accept(InputStream body, ReportSource source) {
        return store(source.name(), parser.parse(body, source));
    }

    /** Parses and stores every report attached to a mail message (an {@code .eml} file). */
    public List<ImportOutcome> acceptMessage(InputStream message, String name) {
        List<ImportOutcome> outcomes = new ArrayList<>();
        for (MailReports.Attachment attachment : mail.read(message, name)) {
            outcomes.add(store(attachment.name(), attachment.result()));
        }
        return outcomes;
    }

    /**
     * A report body or a mail message, told apart by the first bytes: gzip magic or a JSON object is a report,
     * anything else is read as a message (for standard input, which has no file name).
     */
    public List<ImportOutcome> acceptAny(InputStream input, ReportSource source) {
        byte[] bytes;
        try {
            bytes = BoundedInput.capped(input, parser.limits().maxMessageBytes())
                    .readAllBytes();
        } catch (LimitExceeded e) {
            return List.of(new ImportOutcome.Rejected(source.name(), new ParseResult.Rejected(e.reason(), "")));
        } catch (IOException e) {
            return List.of(new ImportOutcome.Rejected(
                    source.name(), new ParseResult.Rejected(Rejection.UNREADABLE, String.valueOf(e.getMessage()))));
        }
        boolean gzip = bytes.length >= 2 && bytes[0] == 0x1f && bytes[1] == (byte) 0x8b;
        int first = 0;
        while (first < bytes.length
                && (bytes[first] == ' ' || bytes[first] == '\t' || bytes[first] == '\r' || bytes[first] == '\n')) {
            first++;
        }
        boolean report = gzip || (first < bytes.length && bytes[first] == '{');
        return report
                ? List.of(accept(new ByteArrayInputStream(bytes), source))
                : acceptMessage(new ByteArrayInputStream(bytes), source.name());
    }

    private ImportOutcome store(String name, ParseResult result) {
        return switch (result) {
            case ParseResult.Rejected rejected -> new ImportOutcome.Rejected(name, rejected);
            case Parsed parsed ->
                switch (store.store(parsed.report(), name)) {
                    case STORED -> new ImportOutcome.Stored(name, parsed.report());
                    case DUPLICATE -> new ImportOutcome.Duplicate(name, parsed.report());
                };
        };
    }

    /** The policy as the latest stored observation of {@code domain} saw it. */
    public Optional<PolicyFacts> policyFromHistory(String domain) {
        return PolicyFacts.fromTimeline(history.timeline(domain));
    }

    /** The summary of the last {@code days} days (today included, UTC), readiness from the stored observations. */
    public TlsRptSummary summary(String domain, int days) {
        return summary(domain, days, policyFromHistory(domain));
    }

    /** The summary of the last {@code days} days (today included, UTC), readiness judged against {@code policy}. */
    public TlsRptSummary summary(String domain, int days, Optional<PolicyFacts> policy) {
        requireNonNull(domain, "domain is null");
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be 1 to " + MAX_DAYS + ", not " + days);
        }
        String key = Domains.normalise(domain)
                .orElseThrow(
                        () -> new IllegalArgumentException("not a domain name: " + ReportParser.abbreviate(domain)));
        Instant now = clock.instant();
        LocalDate to = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate from = to.minusDays(days - 1L);
        Instant end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<StoredPolicy> window =
                store.policies(key, from.atStartOfDay(ZoneOffset.UTC).toInstant(), end);
        List<StoredPolicy> judged = window;
        if (policy.isPresent()
                && policy.get().mode().equalsIgnoreCase("enforce")
                && policy.get().modeSince().isPresent()) {
            judged = store.policies(key, policy.get().modeSince().get(), end);
        }
        Readiness readiness = EnforceReadiness.assess(key, policy, judged, now);
        return ReportWindow.sum(key, from, to, window, readiness);
    }

    /**
     * What is new in the reports received in the last {@code recent} (e.g. since the last notification), against the
     * reports received in the {@value TlsRptNews#PREVIOUS_DAYS} days before. Arrival time, not the reports' own date
     * range, decides: reports arrive a day or so after the period they cover.
     */
    public List<TlsRptNews.News> news(String domain, Duration recent, double threshold) {
        String key = Domains.normalise(domain)
                .orElseThrow(
                        () -> new IllegalArgumentException("not a domain name: " + ReportParser.abbreviate(domain)));
        Instant now = clock.instant();
        Instant since = now.minus(recent);
        List<StoredPolicy> current = store.policiesReceived(key, since, now.plusSeconds(1));
        List<StoredPolicy> previous =
                store.policiesReceived(key, since.minus(Duration.ofDays(TlsRptNews.PREVIOUS_DAYS)), since);
        return TlsRptNews.detect(key, current, previous, threshold);
    }

    /** When the latest report about {@code domain} arrived (for the tls-rpt check's "last report" line). */
    public Optional<Instant> lastReceived(String domain) {
        return store.lastReceived(domain);
    }
}
