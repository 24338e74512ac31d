package dev.mtasts.core.chat;

import dev.mtasts.core.subscription.SubscribeResult;
import dev.mtasts.core.subscription.SubscriptionOverview;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the chat flows say, before a platform renders it. Every text field may hold untrusted text (domains, reasons,
 * policy files, report content); the platform escapes all of it.
 */
public sealed interface ChatReply {
    /** How to use {@code /mtasts}. */
    record Help() implements ChatReply {}

    /** The command could not be understood; {@code reason} says why, with the usage. */
    record Invalid(String reason) implements ChatReply {}

    /** A sentence: a refusal (rate limit, full queue), a store failure with its reference. */
    record Notice(String text) implements ChatReply {}

    /** The user may not subscribe or unsubscribe this channel. */
    record NotAllowed() implements ChatReply {}

    /** The bot cannot post in this channel, so it cannot follow {@code domain}; nothing was subscribed. */
    record CannotPost(String domain) implements ChatReply {}

    /** What subscribing did; for a new or resumed subscription, the baseline report follows. */
    record Subscribed(SubscribeResult result, String domain, Duration interval) implements ChatReply {}

    /** What unsubscribing did: {@code removed} is false when the channel did not follow the domain. */
    record Unsubscribed(boolean removed, String domain) implements ChatReply {}

    /** The channel's subscriptions, with each domain's last status and next check. */
    record SubscriptionList(List<SubscriptionOverview> subscriptions, int perChannelLimit, Instant now)
            implements ChatReply {
        public SubscriptionList {
            subscriptions = List.copyOf(subscriptions);
        }
    }

    /** A domain's timeline, or why it cannot be read. */
    record History(ChatHistory.Answer answer) implements ChatReply {}

    /** The domain's fetched policy file, or why there is none. */
    record Policy(String domain, PolicyText policy) implements ChatReply {}

    /** A check that was to answer a button (Show policy) failed; {@code reason} says why. */
    record Failure(String domain, String reason) implements ChatReply {}

    /** A domain's TLS-RPT reports and the "safe to enforce?" verdict. */
    record TlsReport(TlsRptSummary summary) implements ChatReply {}
}
