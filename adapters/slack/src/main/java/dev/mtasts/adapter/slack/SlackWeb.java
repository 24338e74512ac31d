package dev.mtasts.adapter.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Optional;

/**
 * The Slack calls the bot makes, one attempt each: no retries, no waiting (that is {@link ChannelOutbox}'s job). The
 * production implementation is {@link BoltSlackWeb}; tests may use a fake.
 */
public interface SlackWeb {
    /** {@code chat.postMessage}; in a thread when {@code threadTs} is given. Never sets {@code link_names}. */
    SlackResult postMessage(String channelId, Optional<String> threadTs, SlackMessage message);

    /** {@code chat.update} of the message {@code ts}. */
    SlackResult update(String channelId, String ts, SlackMessage message);

    /** A POST to an interaction's {@code response_url}. */
    SlackResult respond(String responseUrl, ResponseMessage message);

    /** {@code views.publish} of the user's App Home tab. */
    SlackResult publishHome(String userId, List<LayoutBlock> blocks);

    /**
     * {@code chat.postMessage} of a subscription notification, marked with its idempotency key in the message's
     * metadata so that {@link #findNotification} can find it again. Without support for that, a plain post.
     */
    default SlackResult postNotification(String channelId, SlackMessage message, String idempotencyKey) {
        return postMessage(channelId, Optional.empty(), message);
    }

    /**
     * Whether the channel's recent messages include the notification with {@code idempotencyKey} ({@code
     * conversations.history}); empty when that cannot be told (the app lacks the history scopes).
     */
    default Optional<Boolean> findNotification(String channelId, String idempotencyKey) {
        return Optional.empty();
    }

    /** Whether the user is a workspace admin or owner ({@code users.info}); empty when Slack did not say. */
    /**
     * The conversations {@code userId} is a member of ({@code users.conversations}: public and private channels,
     * group and direct messages), for the Home tab's privacy; empty when Slack would not say (missing scopes, an
     * error): the Home tab then shows the user's own checks only.
     */
    default Optional<java.util.Set<String>> channelsOf(String userId) {
        return Optional.empty();
    }

    default Optional<Boolean> isAdmin(String userId) {
        return Optional.empty();
    }
}
