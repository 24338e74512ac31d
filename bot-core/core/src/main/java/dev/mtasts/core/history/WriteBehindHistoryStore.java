package dev.mtasts.core.history;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A history store for bulk runs: {@link #record} queues the observation and returns, and one writer thread stores what
 * has queued up in batches ({@link HistoryStore#recordAll}: one commit for up to {@code batchSize} domains instead of
 * one per domain). The queue is bounded: when the writer falls behind, {@code record} waits for room, so memory stays
 * flat and nothing is dropped. {@link #flush} and {@link #close} return only when every observation queued before them
 * is stored (or has failed and been logged and counted, as a synchronous write's failure would be).
 *
 * <p>Reads stay consistent: a read of a domain with observations still queued waits until they are written. The
 * writer is a platform thread that nothing interrupts (an interrupt must never reach the embedded database).
 */
public final class WriteBehindHistoryStore implements HistoryStore {
    private static final Logger LOG = LoggerFactory.getLogger(WriteBehindHistoryStore.class);

    private final HistoryStore delegate;
    private final int batchSize;
    private final BlockingQueue<Entry> queue;
    private final Thread writer;
    private final Object monitor = new Object();
    /** Queued and not yet written, per domain key; guarded by {@link #monitor}. */
    private final Map<String, Integer> pending = new HashMap<>();

    /** How long the writer gathers observations for one commit when nobody waits for them. */
    private static final Duration LINGER = Duration.ofMillis(250);

    private static final long HURRY_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private int waiting; // guarded by monitor
    private long queued; // guarded by monitor
    private long written; // guarded by monitor
    private long failures; // guarded by monitor
    private boolean closed; // guarded by monitor

    /**
     * Starts the writer. {@code capacity} observations may wait at most; {@code batchSize} go into one transaction.
     */
    public WriteBehindHistoryStore(HistoryStore delegate, int capacity, int batchSize) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        if (capacity < 1 || batchSize < 1) {
            throw new IllegalArgumentException("capacity and batchSize must be positive");
        }
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().daemon().name("history-writer").start(this::writeUntilClosed);
    }

    @Override
    public void record(String domain, Observation observation) {
        Entry entry = new Entry(domain, observation);
        String key = key(domain);
        synchronized (monitor) {
            if (closed) {
                throw new HistoryStoreException("the history store is closed; " + domain + " was not recorded", null);
            }
            queued++;
            pending.merge(key, 1, Integer::sum);
        }
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(entry);
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the observation is already counted: it must still reach the queue
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void recordAll(List<Entry> entries) {
        for (Entry entry : entries) {
            record(entry.domain(), entry.observation());
        }
    }

    @Override
    public List<Observation> recent(String domain, int limit) {
        awaitWritten(domain);
        return delegate.recent(domain, limit);
    }

    @Override
    public List<Observation> changes(String domain, int limit) {
        awaitWritten(domain);
        return delegate.changes(domain, limit);
    }

    @Override
    public List<Observation> timeline(String domain) {
        awaitWritten(domain);
        return delegate.timeline(domain);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    /** Waits until every observation queued before this call is written (or has failed). */
    public void flush() {
        synchronized (monitor) {
            long target = queued;
            awaitUninterruptibly(() -> written >= target);
        }
    }

    /** How many observations could not be stored (each one was logged). */
    public long failures() {
        synchronized (monitor) {
            return failures;
        }
    }

    /** Stores everything still queued, stops the writer and closes the store underneath. Idempotent. */
    @Override
    public void close() {
        synchronized (monitor) {
            if (closed) {
                return;
            }
            closed = true;
            long target = queued;
            awaitUninterruptibly(() -> written >= target);
            monitor.notifyAll();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        delegate.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitWritten(String domain) {
        String key = key(domain);
        synchronized (monitor) {
            awaitUninterruptibly(() -> !pending.containsKey(key));
        }
    }

    private boolean hurried() {
        synchronized (monitor) {
            return waiting > 0 || closed;
        }
    }

    /** Waits on {@link #monitor} (held by the caller) until {@code done}; an interrupt is kept for later. */
    private void awaitUninterruptibly(java.util.function.BooleanSupplier done) {
        boolean interrupted = false;
        waiting++;
        try {
            while (!done.getAsBoolean()) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            waiting--;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilClosed() {
        List<Entry> batch = new ArrayList<>(batchSize);
        while (true) {
            Entry first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue; // nothing interrupts this thread on purpose; never stop with observations queued
            }
            if (first == null) {
                synchronized (monitor) {
                    if (closed && written >= queued) {
                        return;
                    }
                }
                continue;
            }
            batch.clear();
            batch.add(first);
            queue.drainTo(batch, batchSize - 1);
            // A bulk run records a few domains at a time: gather them for a moment so that one commit covers many
            // (unless someone waits for the write: a flush, a close, or a read of a queued domain).
            long lingerEnds = System.nanoTime() + LINGER.toNanos();
            while (batch.size() < batchSize && !hurried()) {
                long left = lingerEnds - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    Entry next = queue.poll(Math.min(left, HURRY_CHECK_NANOS), TimeUnit.NANOSECONDS);
                    if (next != null) {
                        batch.add(next);
                        queue.drainTo(batch, batchSize - batch.size());
                    }
                } catch (InterruptedException e) {
                    // never interrupted on purpose; keep gathering
                }
            }
            long failed = write(batch);
            synchronized (monitor) {
                written += batch.size();
                failures += failed;
                for (Entry entry : batch) {
                    pending.computeIfPresent(key(entry.domain()), (key, count) -> count == 1 ? null : count - 1);
                }
                monitor.notifyAll();
            }
        }
    }

    /** Writes a batch in one go; when that fails, one by one, so one bad observation costs only itself. */
    private long write(List<Entry> batch) {
        try {
            delegate.recordAll(List.copyOf(batch));
            return 0;
        } catch (RuntimeException batchFailure) {
            LOG.debug("a batch of {} observations failed; storing them one by one", batch.size(), batchFailure);
        }
        long failed = 0;
        for (Entry entry : batch) {
            try {
                delegate.record(entry.domain(), entry.observation());
            } catch (RuntimeException e) {
                failed++;
                LOG.warn("could not record the observation of {} in {}", entry.domain(), delegate.describe(), e);
            }
        }
        return failed;
    }

    private static String key(String domain) {
        String lower = domain.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
