package dev.mtasts.core.chat;

import static java.util.Objects.requireNonNull;

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
    record Invalid(String reason) implements ChatReply {
        public Invalid {
            requireNonNull(reason, "reason is null");
        }
    }

    /** A sentence: a refusal (rate limit, full queue), a store failure with its reference. */
    record Notice(String text) implements ChatReply {
        public Notice {
            requireNonNull(text, "text is null");
        }
    }

    /** The user may not subscribe or unsubscribe this channel. */
    record NotAllowed() implements ChatReply {}

    /** The bot cannot post in this channel, so it cannot follow {@code domain}; nothing was subscribed. */
    record CannotPost(String domain) implements ChatReply {
        public CannotPost {
            requireNonNull(domain, "domain is null");
        }
    }

    /** What subscribing did; for a new or resumed subscription, the baseline report follows. */
    record Subscribed(SubscribeResult result, String domain, Duration interval) implements ChatReply {
        public Subscribed {
            requireNonNull(result, "result is null");
            requireNonNull(domain, "domain is null");
            requireNonNull(interval, "interval is null");
        }
    }

    /** What unsubscribing did: {@code removed} is false when the channel did not follow the domain. */
    record Unsubscribed(boolean removed, String domain) implements ChatReply {
        public Unsubscribed {
            requireNonNull(domain, "domain is null");
        }
    }

    /** The channel's subscriptions, with each domain's last status and next check. */
    record SubscriptionList(List<SubscriptionOverview> subscriptions, int perChannelLimit, Instant now)
            implements ChatReply {
        public SubscriptionList {
            subscriptions = List.copyOf(requireNonNull(subscriptions, "subscriptions is null"));
            requireNonNull(now, "now is null");
        }
    }

    /** A domain's timeline, or why it cannot be read. */
    record History(ChatHistory.Answer answer) implements ChatReply {
        public History {
            requireNonNull(answer, "answer is null");
        }
    }

    /** The domain's fetched policy file, or why there is none. */
    record Policy(String domain, PolicyText policy) implements ChatReply {
        public Policy {
            requireNonNull(domain, "domain is null");
            requireNonNull(policy, "policy is null");
        }
    }

    /** A check that was to answer a button (Show policy) failed; {@code reason} says why. */
    record Failure(String domain, String reason) implements ChatReply {
        public Failure {
            requireNonNull(domain, "domain is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /** A domain's TLS-RPT reports and the "safe to enforce?" verdict. */
    record TlsReport(TlsRptDigest digest) implements ChatReply {
        public TlsReport {
            requireNonNull(digest, "digest is null");
        }
    }
}
