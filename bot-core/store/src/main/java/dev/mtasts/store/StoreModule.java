package dev.mtasts.store;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import dev.mtasts.core.history.HistoryStore;

/** Makes {@code store} the engine's history store, replacing the engine's default of none. */
public final class StoreModule extends AbstractModule {
    private final HistoryStore store;

    public StoreModule(HistoryStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), HistoryStore.class)
                .setBinding()
                .toInstance(store);
    }
}
