package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

/** A {@code /mtasts …} invocation, as Slack sent it: who, where, the text after the command, and where to reply. */
public record SlashInvocation(String teamId, String channelId, String userId, String text, String responseUrl) {
    public SlashInvocation {
        requireNonNull(teamId, "teamId is null");
        requireNonNull(channelId, "channelId is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(text, "text is null");
        requireNonNull(responseUrl, "responseUrl is null");
    }
}
