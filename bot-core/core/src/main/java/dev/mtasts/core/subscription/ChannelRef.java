package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A channel that can follow domains: the platform, the Slack workspace (team id) or Discord guild id, and the channel
 * id. Ids are the platforms' opaque identifiers, never names, so a renamed channel keeps its subscriptions.
 */
public record ChannelRef(Platform platform, String workspaceId, String channelId) {
    /** Slack ids ({@code T024BE7LD}, {@code C012AB3CD}) and Discord snowflakes fit; anything else is refused. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ChannelRef {
        requireNonNull(platform, "platform is null");
        requireNonNull(workspaceId, "workspaceId is null");
        requireNonNull(channelId, "channelId is null");
        if (!ID.matcher(workspaceId).matches()) {
            throw new IllegalArgumentException("not a workspace id: " + workspaceId);
        }
        if (!ID.matcher(channelId).matches()) {
            throw new IllegalArgumentException("not a channel id: " + channelId);
        }
    }

    /** {@code slack:T024BE7LD/C012AB3CD}, for logs and the CLI. */
    public String describe() {
        return platform.label() + ":" + workspaceId + "/" + channelId;
    }
}
