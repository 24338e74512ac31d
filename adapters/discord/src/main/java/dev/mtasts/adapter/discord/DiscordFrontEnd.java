package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.frontend.FrontEnd;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord bot: one gateway connection ({@code JDA}), or JDA's {@code ShardManager} when {@code discord.shards}
 * is set. Only the GUILDS intent (no privileged intent): slash commands and buttons arrive as interactions, and
 * GUILDS caches the guilds and channels that threads need.
 */
final class DiscordFrontEnd implements FrontEnd {
    private static final Logger LOG = LoggerFactory.getLogger(DiscordFrontEnd.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final DiscordSettings config;
    private final DiscordToken token;
    private final DiscordListener listener;
    private final DiscordInteractions interactions;
    private volatile Optional<Connection> connection = Optional.empty();

    @Override
    public String name() {
        return "discord";
    }

    @Inject
    DiscordFrontEnd(
            DiscordSettings config, DiscordToken token, DiscordListener listener, DiscordInteractions interactions) {
        this.config = requireNonNull(config, "config is null");
        this.token = requireNonNull(token, "token is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.interactions = requireNonNull(interactions, "interactions is null");
    }

    /** Logs in (a bad token fails here) and connects to the gateway in the background. */
    @Override
    public synchronized void start() {
        if (connection.isPresent()) {
            throw new IllegalStateException("the Discord front end is already started");
        }
        // JDA allows every mention by default, @everyone included. Nothing this bot sends may ping anyone.
        MessageRequest.setDefaultMentions(EnumSet.noneOf(Message.MentionType.class));
        MessageRequest.setDefaultMentionRepliedUser(false);
        try {
            connection = Optional.of(config.sharded() ? startShards() : startSingle());
        } catch (InvalidTokenException e) {
            throw new IllegalStateException(
                    "Discord rejected DISCORD_TOKEN (" + config.apiUrl() + "users/@me answered"
                            + " 401); copy the bot token again from the Developer Portal",
                    e);
        }
        LOG.info(
                "Discord front end starting ({}, API {}, gateway {})",
                config.sharded() ? "shards " + config.shards() : "one connection",
                config.apiUrl(),
                config.gatewayUrl());
    }

    @Override
    public boolean healthy() {
        return connection.map(Connection::healthy).orElse(false);
    }

    @Override
    public synchronized void stop() {
        interactions.close();
        connection.ifPresent(Connection::stop);
        connection = Optional.empty();
    }

    private Connection startSingle() {
        JDA jda = JDABuilder.createLight(token.value(), EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(config.apiUrl()))
                .setSessionController(new GatewaySessionController(config))
                .setCompression(compression())
                .setEnableShutdownHook(false)
                .addEventListeners(listener)
                .build();
        return new Single(jda);
    }

    private Connection startShards() {
        DefaultShardManagerBuilder builder = DefaultShardManagerBuilder.createLight(
                        token.value(), EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(config.apiUrl()))
                .setSessionController(new GatewaySessionController(config))
                .setCompression(compression())
                .setEnableShutdownHook(false)
                .addEventListeners(listener)
                .setShardsTotal(config.shardTotal().orElse(-1));
        if (!config.shardIds().isEmpty()) {
            builder.setShards(config.shardIds());
        }
        return new Sharded(builder.build());
    }

    private Compression compression() {
        return config.compression().equals(DiscordSettings.NONE) ? Compression.NONE : Compression.ZLIB;
    }

    private static boolean healthy(JDA.Status status) {
        return status == JDA.Status.CONNECTED || status.isInit();
    }

    private static void awaitStopped(JDA jda) {
        try {
            if (!jda.awaitShutdown(SHUTDOWN_GRACE)) {
                jda.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jda.shutdownNow();
        }
    }

    /** The running gateway connection(s). */
    private sealed interface Connection permits Single, Sharded {
        boolean healthy();

        void stop();
    }

    private record Single(JDA jda) implements Connection {
        @Override
        public boolean healthy() {
            return DiscordFrontEnd.healthy(jda.getStatus());
        }

        @Override
        public void stop() {
            jda.shutdown();
            DiscordFrontEnd.awaitStopped(jda);
        }
    }

    /** Healthy while every shard of this process is connected or still starting; queued shards count as starting. */
    private record Sharded(ShardManager shards) implements Connection {
        @Override
        public boolean healthy() {
            return shards.getShards().stream().map(JDA::getStatus).allMatch(DiscordFrontEnd::healthy);
        }

        @Override
        public void stop() {
            List<JDA> running = shards.getShards();
            shards.shutdown();
            running.forEach(DiscordFrontEnd::awaitStopped);
        }
    }
}
