package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/**
 * Points JDA at the configured gateway. A single connection asks {@link #getGateway()}; the {@code ShardManager}
 * asks Discord's {@code /gateway/bot} for the URL, the recommended shard count and the identify concurrency, and the
 * configured URL replaces Discord's when it was set explicitly (a proxy or a test double). Identifies are spaced as
 * {@code max_concurrency} allows.
 */
final class GatewaySessionController extends ConcurrentSessionController {
    private final DiscordSettings config;

    GatewaySessionController(DiscordSettings config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public String getGateway() {
        return config.gatewayUrl();
    }

    @Override
    public ShardedGateway getShardedGateway(JDA api) {
        ShardedGateway discord = super.getShardedGateway(api);
        if (!config.gatewayOverridden()) {
            return discord;
        }
        return new ShardedGateway(config.gatewayUrl(), discord.getShardTotal(), discord.getConcurrency());
    }
}
