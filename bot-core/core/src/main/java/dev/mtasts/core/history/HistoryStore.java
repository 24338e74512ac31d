package dev.mtasts.core.history;

import dev.mtasts.core.Report;
import dev.mtasts.spi.Observation;
import java.util.List;
import java.util.Optional;

/**
 * Where observations of domains are kept between commands and processes. The engine records one observation per
 * check of a domain, whichever front end asked, and hands a domain's recent observations to its checks through
 * {@link dev.mtasts.spi.DomainContext#history()}.
 *
 * <p>Implementations are safe for concurrent use by many threads and, for the shipped JDBC store, by several
 * processes. Failures are {@link HistoryStoreException}s.
 */
public interface HistoryStore extends AutoCloseable {
    /** Up to {@code limit} observations of {@code domain}, newest first. */
    List<Observation> recent(String domain, int limit);

    /**
     * The domain's recent history condensed to its changes ({@link Observations#condense}), newest first, at most
     * {@code limit} entries: what checks compare against. A store may attach policy bodies to the newest few distinct
     * bodies only (the others keep their hash), so that a domain checked thousands of times costs a bounded read.
     */
    default List<Observation> changes(String domain, int limit) {
        return Observations.condense(recent(domain, SCAN_LIMIT)).stream()
                .limit(limit)
                .toList();
    }

    /** How many of a domain's newest observations {@link #changes} condenses. */
    int SCAN_LIMIT = 10_000;

    /**
     * Stores one observation of {@code domain}; committed durably when this returns. A store may skip an observation
     * that saw the same as the domain's latest one less than an hour before (one per change plus one per hour).
     */
    void record(String domain, Observation observation);

    /**
     * Keeps {@code report} as its domain's latest full report, for the web permalink. The default keeps nothing: only
     * stores that serve a permalink ({@code serve}, {@code demo}) override it.
     */
    default void recordReport(Report report) {}

    /** The domain's latest full report kept by {@link #recordReport}, if any. */
    default Optional<StoredReport> latestReport(String domain) {
        return Optional.empty();
    }

    /**
     * Stores several observations, as {@link #record} would one after another; a store may commit them together (the
     * JDBC store uses one transaction). Throws on the first failure; then none of them may have been stored.
     */
    default void recordAll(List<Entry> entries) {
        for (Entry entry : entries) {
            record(entry.domain(), entry.observation());
        }
    }

    /** One observation of one domain, for {@link #recordAll}. */
    record Entry(String domain, Observation observation) {
        public Entry {
            java.util.Objects.requireNonNull(domain, "domain is null");
            java.util.Objects.requireNonNull(observation, "observation is null");
        }
    }

    /** Every retained observation of {@code domain}, oldest first. */
    List<Observation> timeline(String domain);

    /** Where the history lives, for messages: "H2 database /data/history.mv.db"; never contains a password. */
    String describe();

    /** Releases connections and files. Idempotent. */
    @Override
    void close();

    /**
     * The store of an engine built without one (tests and embedders; every {@code mtasts} command installs a real
     * store): keeps nothing, so checks see no history.
     */
    static HistoryStore none() {
        return NoHistoryStore.INSTANCE;
    }
}
