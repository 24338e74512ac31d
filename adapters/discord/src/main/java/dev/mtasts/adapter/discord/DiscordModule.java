package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.mtasts.core.frontend.FrontEnd;

/**
 * The Discord front end for {@code mtasts serve}: binds its config and token and contributes a {@link FrontEnd}. The
 * launcher installs it when {@code DISCORD_TOKEN} is set; the engine's {@code CheckService} must be bound too.
 */
public final class DiscordModule extends AbstractModule {
    private final DiscordConfig config;
    private final DiscordToken token;

    public DiscordModule(DiscordConfig config, DiscordToken token) {
        this.config = requireNonNull(config, "config is null");
        this.token = requireNonNull(token, "token is null");
    }

    @Override
    protected void configure() {
        bind(DiscordConfig.class).toInstance(config);
        bind(DiscordToken.class).toInstance(token);
        bind(DiscordInteractions.class).in(Singleton.class);
        bind(DiscordListener.class).in(Singleton.class);
        bind(DiscordFrontEnd.class).in(Singleton.class);
        Multibinder.newSetBinder(binder(), FrontEnd.class).addBinding().to(DiscordFrontEnd.class);
    }
}
