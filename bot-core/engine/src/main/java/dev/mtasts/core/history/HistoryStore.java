package dev.mtasts.core.history;

import dev.mtasts.spi.Observation;
import java.util.List;

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

    /** Stores one observation of {@code domain}; committed durably when this returns. */
    void record(String domain, Observation observation);

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
