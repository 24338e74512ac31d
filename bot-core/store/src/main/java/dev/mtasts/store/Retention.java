package dev.mtasts.store;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a store deletes what is older than its retention period: on demand ({@link #cutoff()}), and, in a long-running
 * process, as it writes, at most once per {@link #INTERVAL} ({@link #applyIfDue}). One of each per store; shared by the
 * history and the TLS-RPT report store.
 */
public final class Retention {
    /** A long-running process applies retention on write at most this often. */
    static final Duration INTERVAL = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final Duration period;
    private final Clock clock;
    private final String what;
    private final AtomicReference<Instant> lastApplied = new AtomicReference<>(Instant.MIN);

    /**
     * @param period rows older than this go
     * @param what the store's data, for the log line when retention fails, e.g. {@code history in H2 at /data}
     */
    public Retention(Duration period, Clock clock, String what) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        this.period = period;
        this.clock = clock;
        this.what = what;
    }

    /** The instant before which rows go; counts as applying retention now. */
    public Instant cutoff() {
        Instant now = clock.instant();
        lastApplied.set(now);
        return now.minus(period);
    }

    /**
     * Runs {@code prune} when retention was last applied {@link #INTERVAL} ago or more, in one thread at a time. A store
     * failure is logged, not thrown: the write that triggered it has succeeded, and the next interval tries again.
     */
    public void applyIfDue(Runnable prune) {
        Instant now = clock.instant();
        Instant previous = requireNonNull(lastApplied.get(), "lastApplied starts at Instant.MIN");
        if (now.isBefore(previous.plus(INTERVAL)) || !lastApplied.compareAndSet(previous, now)) {
            return;
        }
        try {
            prune.run();
        } catch (StoreException e) {
            LOG.warn("could not apply the retention of {}", what, e);
        }
    }
}
