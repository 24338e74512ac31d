package dev.mtasts.core.chat;

import dev.mtasts.core.Report;
import dev.mtasts.core.dispatch.Origin;
import dev.mtasts.core.subscription.ChannelRef;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The one port through which {@link ChatFlows} talks to a chat platform, for one interaction (a command or a button
 * press). The flows decide what happens (permissions, admission, checks, the store, what to say); an implementation
 * only moves messages over its transport and renders {@link ChatReply}, {@link ChatProgress} and {@link ChatFinish}
 * (Block Kit, embeds), escaping untrusted text. Platform quirks stay behind it: Slack's {@code response_url} fallback,
 * Discord's deferred replies and threads.
 *
 * <p>Calls before {@link #acknowledge} happen on the platform's own thread, within its answer deadline; calls after
 * it on a job thread of the flows.
 */
public interface ChatPort {
    /** Where an answer that comes later will appear, so the platform can acknowledge the interaction accordingly. */
    enum Answer {
        /** In the channel, for everyone: a report. */
        PUBLIC,
        /** To the user alone: a list, a timeline, a refusal. */
        PRIVATE,
        /** Next to the report the user pressed a button under: Slack's thread, Discord's private reply. */
        DETAILS
    }

    /** Who asks and where, for the dispatcher's rate limits; the requester is recorded as who subscribed. */
    Origin origin();

    /** The channel as the subscription store names it; empty where no channel can follow a domain (a DM, say). */
    Optional<ChannelRef> channel();

    /** Why this channel cannot follow a domain, when the platform can tell before trying (permissions, a DM). */
    Optional<ChatReply> cannotFollowHere();

    /**
     * May this user subscribe and unsubscribe this channel? A completed future when the interaction tells at once;
     * otherwise the flows acknowledge first and wait for it off the platform's thread (Slack asks {@code users.info}).
     */
    CompletableFuture<Boolean> mayManageSubscriptions();

    /** The report of {@code domain} shown in the message whose button was pressed, if the platform still knows it. */
    Optional<Report> shownReport(String domain);

    /** The most characters of plain text one reply of this platform holds (a timeline is cut to it). */
    int maxTextChars();

    /** The answer comes later, off the platform's thread; {@code answer} says where it will appear. */
    void acknowledge(Answer answer);

    /** Tells the user alone (ephemeral). */
    void tellPrivately(ChatReply reply);

    /**
     * Posts to the channel, for everyone (a confirmation above the report that follows). Returns false when the bot
     * cannot post in this channel, so that nothing it posts later would be seen there.
     */
    boolean postToChannel(ChatReply reply);

    /**
     * Shows where a check stands: {@link ChatProgress.Starting} opens the report's message, the others update it.
     * Returns false when the message could not be opened (the user has been told); the flow then stops.
     */
    boolean showProgress(ChatProgress progress);

    /** Finishes the report's message: the report and its details (a thread of fixes), or why there is none. */
    void finish(ChatFinish finish);

    /** Posts details of a report next to it: the policy file under the report whose button was pressed. */
    void postDetails(ChatReply reply);

    /** The report shown for {@code domain} now offers Unsubscribe ({@code followed}) or Subscribe, if it can change. */
    void showFollowing(String domain, boolean followed);
}
