package dev.mtasts.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtasts.spi.Observation;
import dev.mtasts.testing.ObservationBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class TestWriteBehindHistoryStore {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void everyObservationIsStoredByCloseInFewerCommitsThanDomains() {
        RecordingStore store = new RecordingStore();
        WriteBehindHistoryStore queued = new WriteBehindHistoryStore(store, 64, 50);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int index = 0; index < 2000; index++) {
                int number = index;
                executor.submit(() -> queued.record("d" + number + ".example", observation("r" + number)));
            }
        }
        queued.close();

        assertThat(store.entries).hasSize(2000);
        assertThat(store.entries.stream().map(HistoryStore.Entry::domain).distinct())
                .hasSize(2000);
        assertThat(store.batches).hasSizeLessThan(2000);
        assertThat(store.closed).isTrue();
        assertThat(queued.failures()).isZero();
    }

    @Test
    void recordReturnsBeforeTheWriteAndAReadOfThatDomainWaitsForIt() throws Exception {
        RecordingStore store = new RecordingStore();
        store.gate = new CountDownLatch(1);
        WriteBehindHistoryStore queued = new WriteBehindHistoryStore(store, 8, 8);

        queued.record("example.com", observation("1"));
        // another domain's history is read at once, whatever is queued
        assertThat(queued.recent("example.org", 5)).isEmpty();
        CompletableFuture<List<Observation>> read =
                CompletableFuture.supplyAsync(() -> queued.recent("EXAMPLE.com.", 5));
        Thread.sleep(200);
        assertThat(read).isNotDone();

        store.gate.countDown();

        assertThat(read.get(5, TimeUnit.SECONDS)).hasSize(1);
        queued.close();
    }

    @Test
    void theQueueIsBoundedWritersWaitForRoomAndNothingIsDropped() throws Exception {
        RecordingStore store = new RecordingStore();
        store.gate = new CountDownLatch(1);
        WriteBehindHistoryStore queued = new WriteBehindHistoryStore(store, 2, 1);
        queued.record("a.example", observation("a")); // taken by the writer, which waits at the gate
        Thread.sleep(100);
        queued.record("b.example", observation("b"));
        queued.record("c.example", observation("c")); // the queue is full now
        CompletableFuture<Void> fourth = CompletableFuture.runAsync(() -> queued.record("d.example", observation("d")));
        Thread.sleep(200);
        assertThat(fourth).isNotDone();

        store.gate.countDown();
        fourth.get(5, TimeUnit.SECONDS);
        queued.flush();

        assertThat(store.entries)
                .extracting(HistoryStore.Entry::domain)
                .containsExactlyInAnyOrder("a.example", "b.example", "c.example", "d.example");
        queued.close();
    }

    @Test
    void aFailingObservationCostsOnlyItselfAndIsCounted() {
        RecordingStore store = new RecordingStore();
        store.refused = "bad.example";
        WriteBehindHistoryStore queued = new WriteBehindHistoryStore(store, 16, 16);
        for (String domain : List.of("a.example", "bad.example", "b.example")) {
            queued.record(domain, observation(domain));
        }
        queued.close();

        assertThat(store.entries)
                .extracting(HistoryStore.Entry::domain)
                .containsExactlyInAnyOrder("a.example", "b.example");
        assertThat(queued.failures()).isEqualTo(1);
        assertThatThrownBy(() -> queued.record("late.example", observation("late")))
                .isInstanceOf(HistoryStoreException.class);
    }

    private static Observation observation(String id) {
        return ObservationBuilder.at(NOW).id(id).build();
    }

    /** Keeps what it is given; a batch holding the refused domain fails as a whole, as one transaction would. */
    private static final class RecordingStore implements HistoryStore {
        final List<HistoryStore.Entry> entries = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile String refused = "";
        volatile boolean closed;

        @Override
        public List<Observation> recent(String domain, int limit) {
            String key = domain.toLowerCase(java.util.Locale.ROOT).replaceAll("\\.$", "");
            synchronized (entries) {
                return entries.stream()
                        .filter(entry -> entry.domain().equals(key))
                        .map(HistoryStore.Entry::observation)
                        .limit(limit)
                        .toList();
            }
        }

        @Override
        public void record(String domain, Observation observation) {
            recordAll(List.of(new HistoryStore.Entry(domain, observation)));
        }

        @Override
        public void recordAll(List<HistoryStore.Entry> batch) {
            try {
                if (!gate.await(10, TimeUnit.SECONDS)) {
                    throw new HistoryStoreException("gate never opened", new IllegalStateException());
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (batch.stream().anyMatch(entry -> entry.domain().equals(refused))) {
                throw new HistoryStoreException("refused", new IllegalStateException());
            }
            batches.add(batch.size());
            entries.addAll(batch);
        }

        @Override
        public List<Observation> timeline(String domain) {
            return recent(domain, Integer.MAX_VALUE);
        }

        @Override
        public String describe() {
            return "recording store";
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
