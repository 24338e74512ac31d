package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;

/**
 * Binds subscriptions over the engine: the store, the settings, the engine's checker, the {@link SubscriptionService}
 * front ends call and the {@link SubscriptionScheduler}. Front ends contribute their {@link Notifier}s to the
 * {@code Multibinder<Notifier>} this module declares. Needs the engine module ({@code CheckService}, {@code Clock}).
 */
public final class SubscriptionModule extends AbstractModule {
    private final SubscriptionStore store;
    private final SubscriptionSettings settings;

    public SubscriptionModule(SubscriptionStore store, SubscriptionSettings settings) {
        this.store = requireNonNull(store, "store is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    protected void configure() {
        bind(SubscriptionStore.class).toInstance(store);
        bind(SubscriptionSettings.class).toInstance(settings);
        bind(DomainChecker.class).to(EngineDomainChecker.class);
        bind(EngineDomainChecker.class).in(Singleton.class);
        bind(SubscriptionService.class).in(Singleton.class);
        bind(SubscriptionScheduler.class).in(Singleton.class);
        Multibinder.newSetBinder(binder(), Notifier.class);
        // What is new in the TLS-RPT reports, when the launcher binds the report store.
        OptionalBinder.newOptionalBinder(binder(), TlsReportNews.class);
    }
}
