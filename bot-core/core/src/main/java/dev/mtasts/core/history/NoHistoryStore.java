package dev.mtasts.core.history;

import dev.mtasts.spi.Observation;
import java.util.List;

/** {@link HistoryStore#none()}: remembers nothing. */
enum NoHistoryStore implements HistoryStore {
    INSTANCE;

    @Override
    public List<Observation> recent(String domain, int limit) {
        return List.of();
    }

    @Override
    public void record(String domain, Observation observation) {}

    @Override
    public List<Observation> timeline(String domain) {
        return List.of();
    }

    @Override
    public String describe() {
        return "no history store";
    }

    @Override
    public void close() {}
}
