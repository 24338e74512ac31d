package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.subscription.ChannelNotifier;
import dev.mtasts.core.subscription.ChannelRef;
import dev.mtasts.core.subscription.DeliveryResult;
import dev.mtasts.core.subscription.Notification;
import dev.mtasts.core.subscription.Platform;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts subscription notifications to Slack channels through the channel lanes (so they keep Slack's pace and wait
 * out rate limits with everything else the bot posts): the parent message, then the new problems in its thread.
 *
 * <p>The parent carries the delivery's idempotency key in its metadata. An attempt in doubt (an instance died while
 * posting) first looks through the channel's recent messages for that key, and counts as delivered when it is
 * there; that needs the {@code channels:history} (and {@code groups:history}) scope, without which it posts again.
 */
public final class SlackNotifier extends ChannelNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(SlackNotifier.class);

    /**
     * Slack errors after which posting to the channel will not work until someone acts: the channel is gone or
     * archived, the bot was removed or lost its token or scope.
     */
    static final Set<String> PERMANENT_ERRORS = Set.of(
            "channel_not_found",
            "not_in_channel",
            "is_archived",
            "channel_is_archived",
            "invalid_auth",
            "not_authed",
            "account_inactive",
            "token_revoked",
            "token_expired",
            "no_permission",
            "missing_scope",
            "restricted_action",
            "restricted_action_read_only_channel",
            "restricted_action_non_threadable_channel",
            "team_access_not_granted",
            "ekm_access_denied",
            "org_login_required",
            "invalid_blocks",
            "msg_too_long");

    private final SlackWeb web;
    private final ChannelOutbox outbox;

    public SlackNotifier(SlackWeb web, ChannelOutbox outbox) {
        super(Platform.SLACK);
        this.web = requireNonNull(web, "web is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
    }

    /** Asks {@code conversations.history} for the key in the parent's metadata (needs the history scopes). */
    @Override
    protected Optional<Boolean> posted(ChannelRef channel, String idempotencyKey) {
        return web.findNotification(channel.channelId(), idempotencyKey);
    }

    @Override
    protected DeliveryResult post(ChannelRef channel, Notification notification, String idempotencyKey) {
        SlackResult posted = outbox.postNotification(
                        channel.channelId(), SlackSubscriptionFormatter.notification(notification), idempotencyKey)
                .join();
        return switch (posted) {
            case SlackResult.Ok ok -> {
                ok.ts().ifPresent(ts -> replies(channel, ts, notification));
                yield DeliveryResult.delivered();
            }
            case SlackResult.Failed failed ->
                PERMANENT_ERRORS.contains(failed.error())
                        ? DeliveryResult.permanent(failed.error())
                        : DeliveryResult.transientFailure(failed.error());
            case SlackResult.RateLimited limited ->
                new DeliveryResult.TransientFailure(posted.describe(), Optional.of(limited.retryAfter()));
            case SlackResult.Unreachable unreachable -> DeliveryResult.transientFailure(posted.describe());
        };
    }

    /** The thread replies; the notification counts as delivered once its parent is, so failures here are logged. */
    private void replies(ChannelRef channel, String ts, Notification notification) {
        List<CompletableFuture<SlackResult>> replies =
                SlackSubscriptionFormatter.notificationReplies(notification).stream()
                        .map(reply -> outbox.post(channel.channelId(), Optional.of(ts), reply))
                        .toList();
        for (CompletableFuture<SlackResult> reply : replies) {
            SlackResult result = reply.join();
            if (!result.isOk()) {
                LOG.warn(
                        "a thread reply of the notification of {} in {} was not delivered: {}",
                        notification.domain(),
                        channel.describe(),
                        result.describe());
            }
        }
    }
}
