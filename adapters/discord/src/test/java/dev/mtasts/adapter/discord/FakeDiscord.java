package dev.mtasts.adapter.discord;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A fake Discord on loopback: a REST server (reached through {@code RestConfig.setBaseUrl}) that records every call
 * and answers the routes the bot uses, and an RFC 6455 gateway that sends HELLO, READY and a GUILD_CREATE, answers
 * heartbeats and dispatches interactions whose snowflakes are based on the current time (JDA computes the 15-minute
 * expiry of an interaction hook from its id).
 */
public final class FakeDiscord implements AutoCloseable {
    public static final String TOKEN = "fake-token";
    static final long APPLICATION = 1_100_000_000_000_000_001L;
    static final long BOT = APPLICATION;
    static final long GUILD = 1_100_000_000_000_000_100L;
    static final long CHANNEL = 1_100_000_000_000_000_200L;
    static final long DM_CHANNEL = 1_100_000_000_000_000_300L;
    static final long OWNER = 1_100_000_000_000_000_400L;
    static final long USER = 1_100_000_000_000_000_500L;
    static final long ADMINS_ROLE = 1_100_000_000_000_000_600L;
    static final long COMMAND = 1_100_000_000_000_000_700L;

    /** What every member (and the bot) may do in the guild: talk, embed, make and use threads. Not Manage Server. */
    static final long EVERYONE_PERMISSIONS = Permission.getRaw(
            Permission.VIEW_CHANNEL,
            Permission.MESSAGE_SEND,
            Permission.MESSAGE_EMBED_LINKS,
            Permission.MESSAGE_HISTORY,
            Permission.USE_APPLICATION_COMMANDS,
            Permission.CREATE_PUBLIC_THREADS,
            Permission.MESSAGE_SEND_IN_THREADS);

    private static final long DISCORD_EPOCH = 1_420_070_400_000L;
    private static final Pattern ORIGINAL = Pattern.compile("webhooks/(\\d+)/([^/]+)/messages/@original");
    private static final Pattern FOLLOW_UP = Pattern.compile("webhooks/(\\d+)/([^/]+)");
    private static final Pattern CALLBACK = Pattern.compile("interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern THREAD = Pattern.compile("channels/(\\d+)/messages/(\\d+)/threads");
    private static final Pattern CHANNEL_MESSAGE = Pattern.compile("channels/(\\d+)/messages");

    private final HttpServer rest;
    private final Gateway gateway;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicLong counter = new AtomicLong();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, Long> originals = new ConcurrentHashMap<>();
    private final Map<String, Long> channels = new ConcurrentHashMap<>();
    private final List<String> identifies = new CopyOnWriteArrayList<>();
    private volatile boolean refuseThreads;
    private final Set<Long> unknownChannels = ConcurrentHashMap.newKeySet();
    private final Map<Long, List<DataObject>> posted = new ConcurrentHashMap<>();

    /** One REST request as the bot sent it; {@code path} is relative to {@code /api/v10/}. */
    public record Call(String method, String path, String query, String authorization, String body) {
        public DataObject json() {
            return DataObject.fromJson(body);
        }

        public boolean is(String method, String pathPattern) {
            return this.method.equals(method) && path.matches(pathPattern);
        }

        @Override
        public String toString() {
            return method + " " + path + (query == null ? "" : "?" + query) + " " + body;
        }
    }

    public FakeDiscord() throws IOException, InterruptedException {
        rest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        rest.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        rest.createContext("/", this::handle);
        rest.start();
        gateway = new Gateway();
        gateway.setReuseAddr(true);
        gateway.start();
        if (!gateway.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the fake gateway did not start");
        }
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + rest.getAddress().getPort() + "/api/v10/";
    }

    public String gatewayUrl() {
        return "ws://127.0.0.1:" + gateway.getPort() + "/";
    }

    /** Thread creation answers 403 Missing Permissions, as when a role lost Create Public Threads. */
    void refuseThreads() {
        refuseThreads = true;
    }

    /** Messages to {@code channel} answer 404 Unknown Channel, as for a deleted channel. */
    void unknownChannel(long channel) {
        unknownChannels.add(channel);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    List<String> identifies() {
        return List.copyOf(identifies);
    }

    /** Waits (bounded) until a call matching {@code predicate} was made, and returns the first one. */
    public Call await(String description, Predicate<Call> predicate) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Call> found = calls.stream().filter(predicate).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            sleep();
        }
        return fail("no " + description + " within 30 s; calls were:\n"
                + calls.stream().map(Call::toString).collect(Collectors.joining("\n")));
    }

    /** Waits (bounded) until {@code count} calls match. */
    List<Call> awaitCount(String description, Predicate<Call> predicate, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<Call> found = calls.stream().filter(predicate).toList();
            if (found.size() >= count) {
                return found;
            }
            sleep();
        }
        return fail(count + " × " + description + " expected within 30 s; calls were:\n"
                + calls.stream().map(Call::toString).collect(Collectors.joining("\n")));
    }

    /** Waits until the gateway has a session (READY and GUILD_CREATE sent). */
    public void awaitSession() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && !gateway.ready) {
            sleep();
        }
        if (!gateway.ready) {
            fail("the bot never identified on the fake gateway");
        }
    }

    /** Dispatches {@code /mtasts <subcommand> [domain:<domain>]} in the guild's text channel; returns its token. */
    String slashCommand(String subcommand, Optional<String> domain, List<Long> roles) {
        return slashCommandFrom(USER, subcommand, domain, roles);
    }

    /** {@link #slashCommand} by the member {@code userId}. */
    String slashCommandFrom(long userId, String subcommand, Optional<String> domain, List<Long> roles) {
        DataArray options = DataArray.empty();
        domain.ifPresent(value -> options.add(
                DataObject.empty().put("name", "domain").put("type", 3).put("value", value)));
        DataObject data = DataObject.empty()
                .put("id", Long.toString(COMMAND))
                .put("name", "mtasts")
                .put("type", 1)
                .put(
                        "options",
                        DataArray.empty()
                                .add(DataObject.empty()
                                        .put("name", subcommand)
                                        .put("type", 1)
                                        .put("options", options)));
        return dispatch(guildInteraction(2, data, roles, userId), CHANNEL);
    }

    /**
     * Dispatches {@code /mtasts check domain:<domain>} from a guild the bot never received (a detached guild, as for
     * an app a user installed); returns its token.
     */
    String detachedGuildCheck(String domain) {
        long otherGuild = GUILD + 1;
        long otherChannel = CHANNEL + 1;
        DataObject interaction = guildInteraction(2, checkData(domain), List.of())
                .put("guild_id", Long.toString(otherGuild))
                .put(
                        "guild",
                        DataObject.empty()
                                .put("id", Long.toString(otherGuild))
                                .put("locale", "en-US")
                                .put("features", DataArray.empty()))
                .put("channel_id", Long.toString(otherChannel))
                .put(
                        "channel",
                        textChannel()
                                .put("id", Long.toString(otherChannel))
                                .put("guild_id", Long.toString(otherGuild))
                                .put("permissions", Long.toString(EVERYONE_PERMISSIONS)))
                .put("authorizing_integration_owners", DataObject.empty().put("1", Long.toString(USER)));
        return dispatch(interaction, otherChannel);
    }

    /** Dispatches {@code /mtasts check domain:<domain>} in a DM with the bot; returns its token. */
    String directMessageCheck(String domain) {
        DataObject data = checkData(domain);
        DataObject interaction = base(2, data)
                .put("channel_id", Long.toString(DM_CHANNEL))
                .put(
                        "channel",
                        DataObject.empty()
                                .put("id", Long.toString(DM_CHANNEL))
                                .put("type", 1)
                                .put("last_message_id", null)
                                .put("flags", 0)
                                .put("recipients", DataArray.empty().add(user())))
                .put("user", user())
                .put("context", 1)
                .put("authorizing_integration_owners", DataObject.empty().put("0", "0"));
        return dispatch(interaction, DM_CHANNEL);
    }

    private static DataObject checkData(String domain) {
        DataArray options = DataArray.empty()
                .add(DataObject.empty().put("name", "domain").put("type", 3).put("value", domain));
        return DataObject.empty()
                .put("id", Long.toString(COMMAND))
                .put("name", "mtasts")
                .put("type", 1)
                .put(
                        "options",
                        DataArray.empty()
                                .add(DataObject.empty()
                                        .put("name", "check")
                                        .put("type", 1)
                                        .put("options", options)));
    }

    /**
     * Dispatches a click on the button {@code customId} under the report {@code messageId}, whose embed has the
     * title {@code reportTitle}; returns the interaction's token.
     */
    String buttonClick(String customId, long messageId, String reportTitle, List<Long> roles) {
        DataObject data = DataObject.empty().put("custom_id", customId).put("component_type", 2);
        DataObject report = message(messageId, CHANNEL)
                .put(
                        "embeds",
                        DataArray.empty()
                                .add(DataObject.empty().put("type", "rich").put("title", reportTitle)))
                .put(
                        "components",
                        DataArray.empty()
                                .add(DataObject.empty()
                                        .put("type", 1)
                                        .put(
                                                "components",
                                                DataArray.empty()
                                                        .add(DataObject.empty()
                                                                .put("type", 2)
                                                                .put("style", 1)
                                                                .put("label", "Button")
                                                                .put("custom_id", customId)))));
        DataObject interaction = guildInteraction(3, data, roles).put("message", report);
        return dispatch(interaction, CHANNEL);
    }

    /** The id of the message that the interaction {@code token}'s original reply is. */
    long originalMessageId(String token) {
        return originals.computeIfAbsent(token, ignored -> snowflake());
    }

    @Override
    public void close() {
        rest.stop(0);
        try {
            gateway.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DataObject guildInteraction(int type, DataObject data, List<Long> roles) {
        return guildInteraction(type, data, roles, USER);
    }

    private DataObject guildInteraction(int type, DataObject data, List<Long> roles, long userId) {
        DataArray roleIds = DataArray.empty();
        roles.forEach(role -> roleIds.add(Long.toString(role)));
        return base(type, data)
                .put("guild_id", Long.toString(GUILD))
                .put(
                        "guild",
                        DataObject.empty()
                                .put("id", Long.toString(GUILD))
                                .put("locale", "en-US")
                                .put("features", DataArray.empty()))
                .put("channel_id", Long.toString(CHANNEL))
                .put("channel", textChannel().put("permissions", Long.toString(EVERYONE_PERMISSIONS)))
                .put(
                        "member",
                        DataObject.empty()
                                .put("user", userId == USER ? user() : user(userId, "member" + userId, false))
                                .put("roles", roleIds)
                                .put("joined_at", timestamp())
                                .put("permissions", Long.toString(EVERYONE_PERMISSIONS))
                                .put("deaf", false)
                                .put("mute", false)
                                .put("flags", 0)
                                .put("pending", false))
                .put("guild_locale", "en-US")
                .put("context", 0)
                .put("authorizing_integration_owners", DataObject.empty().put("0", Long.toString(GUILD)));
    }

    private DataObject base(int type, DataObject data) {
        return DataObject.empty()
                .put("id", Long.toString(snowflake()))
                .put("application_id", Long.toString(APPLICATION))
                .put("type", type)
                .put("token", "token-" + counter.incrementAndGet())
                .put("version", 1)
                .put("locale", "en-US")
                .put("app_permissions", Long.toString(EVERYONE_PERMISSIONS))
                .put("entitlements", DataArray.empty())
                .put("data", data);
    }

    private String dispatch(DataObject interaction, long channel) {
        String token = interaction.getString("token");
        channels.put(token, channel);
        gateway.dispatch("INTERACTION_CREATE", interaction);
        return token;
    }

    /** A snowflake for now: Discord's epoch-based milliseconds, shifted, plus a counter. */
    private long snowflake() {
        return ((System.currentTimeMillis() - DISCORD_EPOCH) << 22) | (counter.incrementAndGet() & 0xFFF);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath().replaceFirst("^/api/v10/", "");
        String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
        calls.add(new Call(
                method,
                path,
                exchange.getRequestURI().getQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                body));
        Matcher matcher;
        if (!("Bot " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"message\":\"401: Unauthorized\",\"code\":0}");
        } else if (method.equals("GET") && path.equals("users/@me")) {
            respond(exchange, 200, user(BOT, "mtasts", true).toString());
        } else if (method.equals("GET") && path.equals("gateway/bot")) {
            respond(
                    exchange,
                    200,
                    DataObject.empty()
                            .put("url", gatewayUrl())
                            .put("shards", 1)
                            .put(
                                    "session_start_limit",
                                    DataObject.empty()
                                            .put("total", 1000)
                                            .put("remaining", 1000)
                                            .put("reset_after", 0)
                                            .put("max_concurrency", 1))
                            .toString());
        } else if (method.equals("PUT") && path.equals("applications/" + APPLICATION + "/commands")) {
            respond(exchange, 200, "[]");
        } else if (method.equals("POST") && (matcher = CALLBACK.matcher(path)).matches()) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        } else if ((matcher = ORIGINAL.matcher(path)).matches()) {
            String token = matcher.group(2);
            if (method.equals("DELETE")) {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            } else {
                respond(
                        exchange,
                        200,
                        message(originalMessageId(token), channels.getOrDefault(token, CHANNEL))
                                .toString());
            }
        } else if (method.equals("POST") && (matcher = FOLLOW_UP.matcher(path)).matches()) {
            respond(
                    exchange,
                    200,
                    message(snowflake(), channels.getOrDefault(matcher.group(2), CHANNEL))
                            .toString());
        } else if (method.equals("POST") && (matcher = THREAD.matcher(path)).matches()) {
            if (refuseThreads) {
                respond(exchange, 403, "{\"message\":\"Missing Permissions\",\"code\":50013}");
            } else {
                long parent = Long.parseLong(matcher.group(1));
                long thread = Long.parseLong(matcher.group(2));
                String name = DataObject.fromJson(body).getString("name");
                respond(exchange, 201, thread(thread, parent, name).toString());
            }
        } else if (method.equals("POST") && (matcher = CHANNEL_MESSAGE.matcher(path)).matches()) {
            long channel = Long.parseLong(matcher.group(1));
            if (unknownChannels.contains(channel)) {
                respond(exchange, 404, "{\"message\":\"Unknown Channel\",\"code\":10003}");
                return;
            }
            DataObject message = message(snowflake(), channel);
            DataArray embeds = DataObject.fromJson(body).optArray("embeds").orElseGet(DataArray::empty);
            for (int index = 0; index < embeds.length(); index++) {
                embeds.getObject(index).put("type", "rich");
            }
            message.put("embeds", embeds);
            posted.computeIfAbsent(channel, key -> new CopyOnWriteArrayList<>()).add(message);
            respond(exchange, 200, message.toString());
        } else if (method.equals("GET") && (matcher = CHANNEL_MESSAGE.matcher(path)).matches()) {
            List<DataObject> messages = posted.getOrDefault(Long.parseLong(matcher.group(1)), List.of());
            DataArray newestFirst = DataArray.empty();
            for (int index = messages.size() - 1; index >= 0; index--) {
                newestFirst.add(messages.get(index));
            }
            respond(exchange, 200, newestFirst.toString());
        } else {
            respond(exchange, 404, "{\"message\":\"404: Not Found\",\"code\":0}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static DataObject user() {
        return user(USER, "alice", false);
    }

    private static DataObject user(long id, String name, boolean bot) {
        return DataObject.empty()
                .put("id", Long.toString(id))
                .put("username", name)
                .put("discriminator", "0")
                .put("global_name", name)
                .put("avatar", null)
                .put("bot", bot)
                .put("public_flags", 0)
                .put("flags", 0);
    }

    private static DataObject textChannel() {
        return DataObject.empty()
                .put("id", Long.toString(CHANNEL))
                .put("type", 0)
                .put("guild_id", Long.toString(GUILD))
                .put("name", "general")
                .put("position", 0)
                .put("permission_overwrites", DataArray.empty())
                .put("parent_id", null)
                .put("topic", null)
                .put("nsfw", false)
                .put("rate_limit_per_user", 0)
                .put("last_message_id", null)
                .put("flags", 0);
    }

    private static DataObject message(long id, long channel) {
        return DataObject.empty()
                .put("id", Long.toString(id))
                .put("channel_id", Long.toString(channel))
                .put("type", 0)
                .put("content", "")
                .put("author", user(BOT, "mtasts", true))
                .put("timestamp", timestamp())
                .put("edited_timestamp", null)
                .put("tts", false)
                .put("mention_everyone", false)
                .put("mentions", DataArray.empty())
                .put("mention_roles", DataArray.empty())
                .put("attachments", DataArray.empty())
                .put("embeds", DataArray.empty())
                .put("pinned", false)
                .put("flags", 0)
                .put("components", DataArray.empty())
                .put("application_id", Long.toString(APPLICATION))
                .put("webhook_id", Long.toString(APPLICATION));
    }

    private static DataObject thread(long id, long parent, String name) {
        return DataObject.empty()
                .put("id", Long.toString(id))
                .put("type", 11)
                .put("guild_id", Long.toString(GUILD))
                .put("parent_id", Long.toString(parent))
                .put("owner_id", Long.toString(BOT))
                .put("name", name)
                .put("last_message_id", null)
                .put("rate_limit_per_user", 0)
                .put("message_count", 0)
                .put("member_count", 1)
                .put("total_message_sent", 0)
                .put("flags", 0)
                .put(
                        "thread_metadata",
                        DataObject.empty()
                                .put("archived", false)
                                .put("auto_archive_duration", 1440)
                                .put("archive_timestamp", timestamp())
                                .put("locked", false)
                                .put("create_timestamp", timestamp()));
    }

    private static String timestamp() {
        return OffsetDateTime.now(ZoneOffset.UTC).toString();
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The gateway: HELLO on connect, READY and GUILD_CREATE on IDENTIFY, heartbeat ACKs, dispatches. */
    private final class Gateway extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        volatile WebSocket session;
        volatile boolean ready;

        Gateway() {
            super(new InetSocketAddress("127.0.0.1", 0));
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket connection, ClientHandshake handshake) {
            connection.send(DataObject.empty()
                    .put("op", 10)
                    .put("d", DataObject.empty().put("heartbeat_interval", 41250))
                    .toString());
        }

        @Override
        public void onMessage(WebSocket connection, String text) {
            DataObject payload = DataObject.fromJson(text);
            switch (payload.getInt("op")) {
                case 1 -> connection.send("{\"op\":11}");
                case 2 -> identify(connection, payload.getObject("d"));
                default -> {}
            }
        }

        private void identify(WebSocket connection, DataObject identify) {
            identifies.add(identify.toString());
            DataArray shard =
                    identify.optArray("shard").orElse(DataArray.empty().add(0).add(1));
            session = connection;
            send(
                    connection,
                    "READY",
                    DataObject.empty()
                            .put("v", 10)
                            .put("session_id", "session-" + counter.incrementAndGet())
                            .put("resume_gateway_url", gatewayUrl())
                            .put("user", user(BOT, "mtasts", true))
                            .put(
                                    "guilds",
                                    DataArray.empty()
                                            .add(DataObject.empty()
                                                    .put("id", Long.toString(GUILD))
                                                    .put("unavailable", true)))
                            .put("private_channels", DataArray.empty())
                            .put("shard", shard)
                            .put(
                                    "application",
                                    DataObject.empty()
                                            .put("id", Long.toString(APPLICATION))
                                            .put("flags", 0)));
            send(connection, "GUILD_CREATE", guild());
            ready = true;
        }

        void dispatch(String type, DataObject data) {
            WebSocket connection = session;
            if (connection == null) {
                throw new IllegalStateException("no gateway session to dispatch " + type + " on");
            }
            send(connection, type, data);
        }

        private void send(WebSocket connection, String type, DataObject data) {
            connection.send(DataObject.empty()
                    .put("op", 0)
                    .put("s", sequence.incrementAndGet())
                    .put("t", type)
                    .put("d", data)
                    .toString());
        }

        private DataObject guild() {
            return DataObject.empty()
                    .put("id", Long.toString(GUILD))
                    .put("name", "Mail team")
                    .put("owner_id", Long.toString(OWNER))
                    .put("icon", null)
                    .put("splash", null)
                    .put("banner", null)
                    .put("description", null)
                    .put(
                            "roles",
                            DataArray.empty()
                                    .add(role(GUILD, "@everyone", EVERYONE_PERMISSIONS, 0))
                                    .add(role(
                                            ADMINS_ROLE,
                                            "Mail admins",
                                            EVERYONE_PERMISSIONS | Permission.MANAGE_SERVER.getRawValue(),
                                            1)))
                    .put("channels", DataArray.empty().add(textChannel()))
                    .put(
                            "members",
                            DataArray.empty()
                                    .add(DataObject.empty()
                                            .put("user", user(BOT, "mtasts", true))
                                            .put("roles", DataArray.empty())
                                            .put("joined_at", timestamp())
                                            .put("deaf", false)
                                            .put("mute", false)
                                            .put("flags", 0)))
                    .put("member_count", 2)
                    .put("emojis", DataArray.empty())
                    .put("stickers", DataArray.empty())
                    .put("features", DataArray.empty())
                    .put("threads", DataArray.empty())
                    .put("voice_states", DataArray.empty())
                    .put("presences", DataArray.empty())
                    .put("stage_instances", DataArray.empty())
                    .put("guild_scheduled_events", DataArray.empty())
                    .put("large", false)
                    .put("unavailable", false)
                    .put("joined_at", timestamp())
                    .put("verification_level", 0)
                    .put("default_message_notifications", 0)
                    .put("explicit_content_filter", 0)
                    .put("mfa_level", 0)
                    .put("nsfw_level", 0)
                    .put("premium_tier", 0)
                    .put("premium_subscription_count", 0)
                    .put("preferred_locale", "en-US")
                    .put("afk_timeout", 300)
                    .put("afk_channel_id", null)
                    .put("system_channel_id", null)
                    .put("rules_channel_id", null)
                    .put("vanity_url_code", null)
                    .put("max_members", 1000);
        }

        private DataObject role(long id, String name, long permissions, int position) {
            return DataObject.empty()
                    .put("id", Long.toString(id))
                    .put("name", name)
                    .put("permissions", Long.toString(permissions))
                    .put("position", position)
                    .put("color", 0)
                    .put("hoist", false)
                    .put("managed", false)
                    .put("mentionable", false)
                    .put("flags", 0);
        }

        @Override
        public void onClose(WebSocket connection, int code, String reason, boolean remote) {
            if (connection == session) {
                session = null;
                ready = false;
            }
        }

        @Override
        public void onError(WebSocket connection, Exception e) {
            if (connection == null) {
                started.countDown();
            }
        }
    }
}
