package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.subscription.SubscriptionService;

/**
 * Subscriptions as the Slack front end sees them: the core's service, and who may subscribe and unsubscribe
 * channels ({@code slack.subscribe-permission}). Slack has no per-command permissions, so the bot asks: anyone who
 * can run {@code /mtasts} in the channel, or only workspace admins and owners ({@code users.info}, which needs the
 * {@code users:read} scope).
 */
public final class SlackSubscriptions {
    private final SubscriptionService service;
    private final SlackWeb web;
    private final SlackSetup.SubscribePermission permission;

    public SlackSubscriptions(SubscriptionService service, SlackWeb web, SlackSetup.SubscribePermission permission) {
        this.service = requireNonNull(service, "service is null");
        this.web = requireNonNull(web, "web is null");
        this.permission = requireNonNull(permission, "permission is null");
    }

    public SubscriptionService service() {
        return service;
    }

    /** Whether {@code userId} may subscribe and unsubscribe channels; asks Slack in admins mode (a network call). */
    public boolean mayManage(String userId) {
        requireNonNull(userId, "userId is null");
        return switch (permission) {
            case EVERYONE -> true;
            case ADMINS -> web.isAdmin(userId).orElse(false);
        };
    }
}
