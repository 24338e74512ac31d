package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.mtasts.core.chat.TlsReports;
import dev.mtasts.core.frontend.FrontEnd;
import dev.mtasts.core.subscription.Notifier;
import dev.mtasts.core.subscription.SubscriptionService;

/**
 * The Discord front end for {@code mtasts serve}: binds its config and token and contributes a {@link FrontEnd} and
 * the subscription {@link Notifier}. The launcher installs it when {@code DISCORD_TOKEN} is set; the engine's {@code
 * CheckService}, the {@link SubscriptionService} and the {@link TlsReports} must be bound too.
 */
public final class DiscordModule extends AbstractModule {
    private final DiscordSettings config;
    private final DiscordToken token;

    public DiscordModule(DiscordSettings config, DiscordToken token) {
        this.config = requireNonNull(config, "config is null");
        this.token = requireNonNull(token, "token is null");
    }

    @Override
    protected void configure() {
        bind(DiscordSettings.class).toInstance(config);
        bind(DiscordToken.class).toInstance(token);
        bind(DiscordInteractions.class).in(Singleton.class);
        bind(DiscordListener.class).in(Singleton.class);
        bind(DiscordFrontEnd.class).in(Singleton.class);
        Multibinder.newSetBinder(binder(), FrontEnd.class).addBinding().to(DiscordFrontEnd.class);
        bind(DiscordNotifier.class).in(Singleton.class);
        Multibinder.newSetBinder(binder(), Notifier.class).addBinding().to(DiscordNotifier.class);
    }
}
