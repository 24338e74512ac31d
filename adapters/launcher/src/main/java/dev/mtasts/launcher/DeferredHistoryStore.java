package dev.mtasts.launcher;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.spi.Observation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * A history store that opens in the background: {@code check} starts its lookups and fetches while the database opens
 * and migrates (about a second of a single check's start-up), and the first use of history waits for it. Opened on a
 * platform thread of its own that nothing interrupts (an interrupt must never reach the embedded database).
 */
final class DeferredHistoryStore implements HistoryStore {
    private final CompletableFuture<HistoryStore> opening;

    DeferredHistoryStore(Supplier<HistoryStore> open) {
        requireNonNull(open, "open is null");
        this.opening = new CompletableFuture<>();
        // logging starts here, on one thread: started from two at once, SLF4J warns about replayed calls
        LoggerFactory.getILoggerFactory();
        Thread.ofPlatform().daemon().name("history-open").start(() -> {
            try {
                opening.complete(open.get());
            } catch (RuntimeException | Error e) {
                opening.completeExceptionally(e);
            }
        });
    }

    private HistoryStore store() {
        return opening.join();
    }

    @Override
    public List<Observation> recent(String domain, int limit) {
        return store().recent(domain, limit);
    }

    @Override
    public void record(String domain, Observation observation) {
        store().record(domain, observation);
    }

    @Override
    public void recordAll(List<Entry> entries) {
        store().recordAll(entries);
    }

    @Override
    public List<Observation> changes(String domain, int limit) {
        return store().changes(domain, limit);
    }

    @Override
    public List<Observation> timeline(String domain) {
        return store().timeline(domain);
    }

    @Override
    public String describe() {
        return store().describe();
    }

    @Override
    public void close() {
        if (!opening.isCompletedExceptionally()) {
            store().close();
        }
    }
}
