package dev.mtasts.adapter.discord;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.subscription.ChannelNotifier;
import dev.mtasts.core.subscription.ChannelRef;
import dev.mtasts.core.subscription.DeliveryResult;
import dev.mtasts.core.subscription.Notification;
import dev.mtasts.core.subscription.Platform;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts subscription notifications to Discord channels over Discord's REST API (independent of the gateway and its
 * cache, so any instance can deliver to any channel the bot can see): the notification message, then a thread on it
 * with the new problems' details, or those details as a second message where threads are not possible.
 *
 * <p>Each post carries the delivery's idempotency key twice: as the message {@code nonce} with {@code enforce_nonce},
 * so that Discord itself refuses a duplicate within a few minutes, and in the embed's footer, so that an attempt in
 * doubt (an instance died while posting) finds the message among the channel's recent ones and does not post again.
 *
 * <p>Unknown Channel, Missing Access, Missing Permissions and a rejected token are permanent failures; rate limits,
 * server errors and network failures are transient.
 */
final class DiscordNotifier extends ChannelNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(DiscordNotifier.class);
    private static final MediaType JSON = MediaType.get("application/json");
    /** How many recent messages an attempt in doubt looks through. */
    private static final int HISTORY_LOOKBACK = 50;

    private final String apiUrl;
    private final DiscordToken token;
    private final OkHttpClient http;

    @Inject
    DiscordNotifier(DiscordSettings config, DiscordToken token) {
        this(config.apiUrl(), token);
    }

    DiscordNotifier(String apiUrl, DiscordToken token) {
        super(Platform.DISCORD);
        this.apiUrl = requireNonNull(apiUrl, "apiUrl is null");
        this.token = requireNonNull(token, "token is null");
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60))
                .followRedirects(false)
                .build();
    }

    /** Looks for the key in the footers of the channel's recent messages. */
    @Override
    protected Optional<Boolean> posted(ChannelRef channel, String idempotencyKey) {
        return Optional.of(alreadyPosted(channel.channelId(), idempotencyKey));
    }

    @Override
    protected DeliveryResult post(ChannelRef channel, Notification notification, String idempotencyKey) {
        String channelId = channel.channelId();
        DataObject message = DiscordSubscriptionFormatter.notification(notification, idempotencyKey)
                .toData()
                .put("nonce", idempotencyKey)
                .put("enforce_nonce", true);
        Answer posted = send("POST", "channels/" + channelId + "/messages", Optional.of(message));
        return switch (posted) {
            case Answer.Ok ok -> {
                details(channel, ok.body().getString("id", ""), notification);
                yield DeliveryResult.delivered();
            }
            case Answer.Refused refused -> classify(refused);
            case Answer.Unreachable unreachable -> DeliveryResult.transientFailure(unreachable.detail());
        };
    }

    /** The details in a thread on the message, or as one more message; failures here are logged, not retried. */
    private void details(ChannelRef channel, String messageId, Notification notification) {
        List<MessageCreateData> details = DiscordSubscriptionFormatter.details(notification);
        if (details.isEmpty()) {
            return;
        }
        String target = channel.channelId();
        if (!messageId.isEmpty()) {
            Answer thread = send(
                    "POST",
                    "channels/" + channel.channelId() + "/messages/" + messageId + "/threads",
                    Optional.of(DataObject.empty()
                            .put("name", DiscordSubscriptionFormatter.threadName(notification))
                            .put("auto_archive_duration", 1440)));
            if (thread instanceof Answer.Ok ok && !ok.body().getString("id", "").isEmpty()) {
                target = ok.body().getString("id");
            } else {
                LOG.info(
                        "no thread for the notification of {} in {} ({}); the details follow as a message",
                        notification.domain(),
                        channel.describe(),
                        thread);
            }
        }
        for (MessageCreateData detail : details) {
            Answer sent = send("POST", "channels/" + target + "/messages", Optional.of(detail.toData()));
            if (!(sent instanceof Answer.Ok)) {
                LOG.warn(
                        "a detail of the notification of {} in {} was not delivered: {}",
                        notification.domain(),
                        channel.describe(),
                        sent);
            }
        }
    }

    /** Whether one of the channel's recent messages is the notification with this key (its footer says so). */
    private boolean alreadyPosted(String channelId, String key) {
        Answer history = send("GET", "channels/" + channelId + "/messages?limit=" + HISTORY_LOOKBACK, Optional.empty());
        if (!(history instanceof Answer.Ok ok)) {
            LOG.info("cannot read the recent messages of {} ({}); relying on the nonce", channelId, history);
            return false;
        }
        DataArray messages = ok.array();
        String reference = DiscordSubscriptionFormatter.REFERENCE + key;
        for (int index = 0; index < messages.length(); index++) {
            DataArray embeds = messages.getObject(index).optArray("embeds").orElseGet(DataArray::empty);
            for (int embed = 0; embed < embeds.length(); embed++) {
                String footer = embeds.getObject(embed)
                        .optObject("footer")
                        .map(object -> object.getString("text", ""))
                        .orElse("");
                if (footer.endsWith(reference)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static DeliveryResult classify(Answer.Refused refused) {
        String reason = "HTTP " + refused.status() + (refused.code() == 0 ? "" : " code " + refused.code()) + ": "
                + refused.message();
        return switch (refused.status()) {
            case 401, 403, 404 -> DeliveryResult.permanent(reason);
            case 429 -> new DeliveryResult.TransientFailure(reason, refused.retryAfter());
            default ->
                refused.status() >= 500
                        ? DeliveryResult.transientFailure(reason)
                        // Any other 4xx is a request Discord will refuse again (e.g. 400 for a malformed body).
                        : DeliveryResult.permanent(reason);
        };
    }

    private Answer send(String method, String path, Optional<DataObject> body) {
        Request.Builder request = new Request.Builder()
                .url(apiUrl + path)
                .header("Authorization", "Bot " + token.value())
                .header("User-Agent", "DiscordBot (https://github.com/mtasts, 1) mtasts");
        request.method(
                method,
                body.map(json -> RequestBody.create(json.toJson(), JSON)).orElse(null));
        try (Response response = http.newCall(request.build()).execute()) {
            ResponseBody responseBody = response.body();
            String text = responseBody == null ? "" : responseBody.string();
            if (response.isSuccessful()) {
                return new Answer.Ok(text);
            }
            DataObject error = parse(text);
            Optional<Duration> retryAfter = Optional.empty();
            if (response.code() == 429) {
                double seconds = error.getDouble(
                        "retry_after",
                        Optional.ofNullable(response.header("Retry-After"))
                                .map(DiscordNotifier::seconds)
                                .orElse(1.0));
                retryAfter = Optional.of(Duration.ofMillis(Math.max(1000, Math.round(seconds * 1000))));
            }
            return new Answer.Refused(
                    response.code(), error.getInt("code", 0), error.getString("message", "no message"), retryAfter);
        } catch (IOException e) {
            return new Answer.Unreachable(e.toString());
        }
    }

    private static double seconds(String header) {
        try {
            return Double.parseDouble(header.strip());
        } catch (NumberFormatException e) {
            return 1.0;
        }
    }

    private static DataObject parse(String text) {
        try {
            return DataObject.fromJson(text);
        } catch (RuntimeException e) {
            return DataObject.empty();
        }
    }

    /** What Discord answered to one request. */
    private sealed interface Answer {
        record Ok(String text) implements Answer {
            DataObject body() {
                return parse(text);
            }

            DataArray array() {
                try {
                    return DataArray.fromJson(text);
                } catch (RuntimeException e) {
                    return DataArray.empty();
                }
            }
        }

        record Refused(int status, int code, String message, Optional<Duration> retryAfter) implements Answer {}

        record Unreachable(String detail) implements Answer {}
    }
}
