package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.users.UsersConversationsResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Message;
import com.slack.api.model.User;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SlackWeb} over the Slack SDK's synchronous {@link MethodsClient} (which sends {@code link_names=0} and no
 * {@code parse}) and its webhook sender for response URLs. A 429 becomes {@link SlackResult.RateLimited} with the
 * {@code Retry-After} Slack sent.
 */
public final class BoltSlackWeb implements SlackWeb {
    /** When Slack sends a 429 without a usable {@code Retry-After}. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    /** The metadata event type that marks subscription notifications. */
    static final String NOTIFICATION_EVENT = "mtasts_notification";

    static final String NOTIFICATION_KEY = "idempotency_key";
    /** How many recent messages are searched for a notification that may already have been posted. */
    private static final int HISTORY_LOOKBACK = 50;

    private static final Gson GSON = GsonFactory.createSnakeCase();

    private final Slack slack;
    private final MethodsClient methods;

    public BoltSlackWeb(Slack slack, String botToken) {
        this.slack = requireNonNull(slack, "slack is null");
        this.methods = slack.methods(requireNonNull(botToken, "botToken is null"));
    }

    @Override
    public SlackResult postMessage(String channelId, Optional<String> threadTs, SlackMessage message) {
        return call(() -> methods.chatPostMessage(request -> {
            request.channel(channelId)
                    .text(message.text())
                    .blocks(message.blocks())
                    .unfurlLinks(false)
                    .unfurlMedia(false);
            threadTs.ifPresent(request::threadTs);
            return request;
        }));
    }

    @Override
    public SlackResult update(String channelId, String ts, SlackMessage message) {
        return call(() -> methods.chatUpdate(request ->
                request.channel(channelId).ts(ts).text(message.text()).blocks(message.blocks())));
    }

    @Override
    public SlackResult publishHome(String userId, List<LayoutBlock> blocks) {
        View view = View.builder().type("home").blocks(blocks).build();
        return call(() -> methods.viewsPublish(request -> request.userId(userId).view(view)));
    }

    @Override
    public SlackResult postNotification(String channelId, SlackMessage message, String idempotencyKey) {
        Message.Metadata metadata = Message.Metadata.builder()
                .eventType(NOTIFICATION_EVENT)
                .eventPayload(Map.of(NOTIFICATION_KEY, idempotencyKey))
                .build();
        return call(() -> methods.chatPostMessage(request -> request.channel(channelId)
                .text(message.text())
                .blocks(message.blocks())
                .metadata(metadata)
                .unfurlLinks(false)
                .unfurlMedia(false)));
    }

    @Override
    public Optional<Boolean> findNotification(String channelId, String idempotencyKey) {
        try {
            ConversationsHistoryResponse history = methods.conversationsHistory(request ->
                    request.channel(channelId).limit(HISTORY_LOOKBACK).includeAllMetadata(true));
            if (!history.isOk() || history.getMessages() == null) {
                return Optional.empty();
            }
            return Optional.of(history.getMessages().stream()
                    .map(Message::getMetadata)
                    .filter(metadata -> metadata != null
                            && NOTIFICATION_EVENT.equals(metadata.getEventType())
                            && metadata.getEventPayload() != null)
                    .anyMatch(metadata ->
                            idempotencyKey.equals(metadata.getEventPayload().get(NOTIFICATION_KEY))));
        } catch (IOException | SlackApiException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Boolean> isAdmin(String userId) {
        try {
            UsersInfoResponse info = methods.usersInfo(request -> request.user(userId));
            if (!info.isOk() || info.getUser() == null) {
                return Optional.empty();
            }
            User user = info.getUser();
            return Optional.of(user.isAdmin() || user.isOwner() || user.isPrimaryOwner());
        } catch (IOException | SlackApiException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<java.util.Set<String>> channelsOf(String userId) {
        java.util.Set<String> channels = new java.util.HashSet<>();
        String cursor = null;
        try {
            for (int page = 0; page < 10; page++) {
                String next = cursor;
                UsersConversationsResponse response = methods.usersConversations(request -> request.user(userId)
                        .types(List.of(
                                ConversationType.PUBLIC_CHANNEL,
                                ConversationType.PRIVATE_CHANNEL,
                                ConversationType.MPIM,
                                ConversationType.IM))
                        .excludeArchived(true)
                        .limit(1000)
                        .cursor(next));
                if (!response.isOk() || response.getChannels() == null) {
                    return Optional.empty();
                }
                response.getChannels().forEach(conversation -> channels.add(conversation.getId()));
                cursor = response.getResponseMetadata() == null
                        ? null
                        : response.getResponseMetadata().getNextCursor();
                if (cursor == null || cursor.isEmpty()) {
                    return Optional.of(java.util.Set.copyOf(channels));
                }
            }
            return Optional.of(java.util.Set.copyOf(channels));
        } catch (IOException | SlackApiException e) {
            return Optional.empty();
        }
    }

    @Override
    public SlackResult respond(String responseUrl, ResponseMessage message) {
        JsonObject payload = new JsonObject();
        payload.addProperty("response_type", message.inChannel() ? "in_channel" : "ephemeral");
        payload.addProperty("replace_original", message.replaceOriginal());
        payload.addProperty("text", message.message().text());
        payload.add("blocks", GSON.toJsonTree(message.message().blocks()));
        try {
            WebhookResponse response = slack.send(responseUrl, GSON.toJson(payload));
            int code = response.getCode() == null ? 0 : response.getCode();
            if (code == 429) {
                return new SlackResult.RateLimited(retryAfter(response.getHeaders()));
            }
            if (code >= 200 && code < 300) {
                return SlackResult.ok();
            }
            String body = response.getBody() == null ? "" : response.getBody().strip();
            return new SlackResult.Failed(body.isEmpty() || body.length() > 100 ? "http_" + code : body);
        } catch (IOException e) {
            return new SlackResult.Unreachable(String.valueOf(e.getMessage()));
        }
    }

    @FunctionalInterface
    private interface Call {
        SlackApiTextResponse run() throws IOException, SlackApiException;
    }

    private static SlackResult call(Call call) {
        try {
            SlackApiTextResponse response = call.run();
            if (response.isOk()) {
                return new SlackResult.Ok(timestamp(response));
            }
            return new SlackResult.Failed(response.getError() == null ? "unknown_error" : response.getError());
        } catch (SlackApiException e) {
            int code = e.getResponse().code();
            if (code == 429) {
                return new SlackResult.RateLimited(retryAfter(e.getResponse().header("Retry-After")));
            }
            if (e.getError() != null && e.getError().getError() != null) {
                return new SlackResult.Failed(e.getError().getError());
            }
            return new SlackResult.Failed("http_" + code);
        } catch (IOException e) {
            return new SlackResult.Unreachable(String.valueOf(e.getMessage()));
        }
    }

    private static Optional<String> timestamp(SlackApiTextResponse response) {
        return switch (response) {
            case com.slack.api.methods.response.chat.ChatPostMessageResponse posted ->
                Optional.ofNullable(posted.getTs());
            case com.slack.api.methods.response.chat.ChatUpdateResponse updated -> Optional.ofNullable(updated.getTs());
            default -> Optional.empty();
        };
    }

    private static Duration retryAfter(Map<String, List<String>> headers) {
        if (headers == null) {
            return DEFAULT_RETRY_AFTER;
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey() != null
                    && header.getKey().equalsIgnoreCase("Retry-After")
                    && !header.getValue().isEmpty()) {
                return retryAfter(header.getValue().getFirst());
            }
        }
        return DEFAULT_RETRY_AFTER;
    }

    /** {@code Retry-After} in seconds (Slack sends seconds), at least the default and at most five minutes. */
    static Duration retryAfter(String value) {
        if (value == null) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            return Duration.ofSeconds(Math.min(Math.max(seconds, 1), 300));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }
}
