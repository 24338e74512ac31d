package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The {@code discord} section of the bot's configuration (see {@code config/README.md}). The token is never here: it
 * comes from {@code DISCORD_TOKEN} only.
 *
 * @param apiUrl Discord's REST base URL, ending in {@code /api/v10/}; {@code DISCORD_API_URL} overrides it
 * @param gatewayUrl the gateway WebSocket URL; {@code DISCORD_GATEWAY_URL} overrides it. With shards, Discord's
 *     {@code /gateway/bot} answer is used unless this is set to something other than the default
 * @param subscribeRole the id of the role that may subscribe and unsubscribe (a role's name is not accepted: names can
 *     be copied by anyone who may create roles); empty means members with Manage Server
 * @param shards empty for one gateway connection; {@code auto} or a number for JDA's {@code ShardManager} with that
 *     many shards in total
 * @param shardIds the shards this process runs (default all); for spreading shards over several processes
 * @param maxConcurrentChecks ignored, kept so old files still load: checks are admitted by the core's dispatcher
 * @param compression the gateway's transport compression: {@code zlib-stream} (Discord's default) or {@code none}
 *     (for a proxy or test double that does not compress)
 */
public record DiscordSettings(
        String apiUrl,
        String gatewayUrl,
        String subscribeRole,
        String shards,
        List<Integer> shardIds,
        Integer maxConcurrentChecks,
        String compression) {
    /** The largest shard count accepted; Discord's largest bots run a few thousand. */
    static final int MAX_SHARDS = 100_000;

    public static final String DEFAULT_API_URL = "https://discord.com/api/v10/";
    public static final String DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg/";
    public static final String ZLIB_STREAM = "zlib-stream";
    public static final String NONE = "none";

    public DiscordSettings {
        apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : withSlash(apiUrl.strip());
        gatewayUrl = gatewayUrl == null || gatewayUrl.isBlank() ? DEFAULT_GATEWAY_URL : withSlash(gatewayUrl.strip());
        subscribeRole = subscribeRole == null ? "" : subscribeRole.strip();
        if (!subscribeRole.isEmpty() && !subscribeRole.matches("[0-9]{1,20}")) {
            throw new IllegalArgumentException("discord.subscribe-role must be a role id (in Discord: Server Settings,"
                    + " Roles, the role's menu, Copy Role ID), not '" + subscribeRole + "'");
        }
        shards = shards == null ? "" : shards.strip().toLowerCase(Locale.ROOT);
        shardIds = shardIds == null ? List.of() : List.copyOf(shardIds);
        maxConcurrentChecks = maxConcurrentChecks == null ? 16 : maxConcurrentChecks;
        compression = compression == null || compression.isBlank()
                ? ZLIB_STREAM
                : compression.strip().toLowerCase(Locale.ROOT);
        if (!compression.equals(ZLIB_STREAM) && !compression.equals(NONE)) {
            throw new IllegalArgumentException(
                    "discord.compression must be '" + ZLIB_STREAM + "' or '" + NONE + "', not '" + compression + "'");
        }
        requireUrl(apiUrl, "discord.api-url", "http", "https");
        requireUrl(gatewayUrl, "discord.gateway-url", "ws", "wss");
        if (!shards.isEmpty() && !shards.equals("auto")) {
            int total = parseShards(shards);
            for (int id : shardIds) {
                if (id < 0 || id >= total) {
                    throw new IllegalArgumentException(
                            "discord.shard-ids: shard " + id + " is outside 0 to " + (total - 1));
                }
            }
        }
        if (!shardIds.isEmpty() && !fixedShardTotal(shards)) {
            throw new IllegalArgumentException(
                    "discord.shard-ids needs a fixed discord.shards total (a number), so that every process agrees");
        }
        if (shardIds.stream().distinct().count() != shardIds.size()) {
            throw new IllegalArgumentException("discord.shard-ids lists a shard twice: " + shardIds);
        }
        if (maxConcurrentChecks < 1 || maxConcurrentChecks > 1000) {
            throw new IllegalArgumentException(
                    "discord.max-concurrent-checks must be 1 to 1000, not " + maxConcurrentChecks);
        }
    }

    // Jackson's convention in the config records: a null component means "not in the file", and each compact
    // constructor puts the documented default in its place.
    @SuppressWarnings("NullAway")
    public static DiscordSettings defaults() {
        return new DiscordSettings(null, null, null, null, null, null, null);
    }

    /**
     * Applies {@code DISCORD_API_URL} and {@code DISCORD_GATEWAY_URL}, the variables the README documents; they win
     * over the file and over the generic {@code MTASTS_DISCORD_*} overrides.
     */
    public DiscordSettings withEnvironment(Function<String, String> environment) {
        requireNonNull(environment, "environment is null");
        String api = environment.apply("DISCORD_API_URL");
        String gateway = environment.apply("DISCORD_GATEWAY_URL");
        return new DiscordSettings(
                api == null || api.isBlank() ? apiUrl : api,
                gateway == null || gateway.isBlank() ? gatewayUrl : gateway,
                subscribeRole,
                shards,
                shardIds,
                maxConcurrentChecks,
                compression);
    }

    /** Whether JDA's {@code ShardManager} runs the gateway connections. */
    public boolean sharded() {
        return !shards.isEmpty();
    }

    /** The total shard count; empty for {@code auto} (Discord's recommendation) or no sharding. */
    public OptionalInt shardTotal() {
        return fixedShardTotal(shards) ? OptionalInt.of(parseShards(shards)) : OptionalInt.empty();
    }

    /** The role that may subscribe, when one is configured instead of Manage Server. */
    public Optional<String> subscribeRoleName() {
        return subscribeRole.isEmpty() ? Optional.empty() : Optional.of(subscribeRole);
    }

    /** Whether the gateway URL was set explicitly, so that it wins over Discord's {@code /gateway/bot} answer. */
    public boolean gatewayOverridden() {
        return !gatewayUrl.equals(DEFAULT_GATEWAY_URL);
    }

    private static boolean fixedShardTotal(String shards) {
        return !shards.isEmpty() && !shards.equals("auto");
    }

    private static int parseShards(String shards) {
        int total;
        try {
            total = Integer.parseInt(shards);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("discord.shards must be 'auto' or a shard count, not '" + shards + "'");
        }
        if (total < 1 || total > MAX_SHARDS) {
            throw new IllegalArgumentException("discord.shards must be 1 to " + MAX_SHARDS + ", not " + total);
        }
        return total;
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    private static void requireUrl(String url, String key, String... schemes) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + " is not a URL: " + url);
        }
        if (uri.getScheme() == null
                || uri.getHost() == null
                || !List.of(schemes).contains(uri.getScheme())) {
            throw new IllegalArgumentException(
                    key + " must be an absolute " + String.join(" or ", schemes) + " URL, not '" + url + "'");
        }
    }
}
