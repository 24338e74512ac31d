package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.FixTimes;
import java.time.Duration;
import java.time.Instant;

/**
 * Adapter-neutral replies to {@code subscribe}, {@code unsubscribe} and {@code list}, so Slack and Discord say the
 * same thing. Plain text; domains and failure reasons are untrusted, so adapters escape the result.
 */
public final class SubscriptionText {
    private SubscriptionText() {}

    /** The reply to a subscribe command; for a new or resumed subscription the baseline report follows it. */
    public static String subscribed(SubscribeResult result, String domain, Platform platform, Duration interval) {
        requireNonNull(result, "result is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(platform, "platform is null");
        requireNonNull(interval, "interval is null");
        return switch (result) {
            case SubscribeResult.Subscribed subscribed ->
                "This channel now follows " + domain + ": it hears about changes to its MTA-STS and TLS-RPT setup"
                        + " (checked every " + every(interval) + "). The report of this check is the baseline.";
            case SubscribeResult.Resumed resumed ->
                "Notifications for " + domain + " are back on in this channel (they were paused after "
                        + resumed.pausedAfter() + " failed deliveries). The report of this check is"
                        + " the new baseline.";
            case SubscribeResult.AlreadySubscribed already ->
                "This channel already follows " + domain + ". /mtasts unsubscribe " + domain + " stops that.";
            case SubscribeResult.LimitReached limit ->
                switch (limit.scope()) {
                    case CHANNEL ->
                        "This channel already follows " + domains(limit.limit()) + ", the most allowed. Unsubscribe"
                                + " from one first; /mtasts list shows them.";
                    case WORKSPACE ->
                        "This " + platform.workspaceNoun() + " already follows " + domains(limit.limit())
                                + ", the most allowed. Unsubscribe a channel from one first.";
                };
        };
    }

    public static String unsubscribed(boolean removed, String domain) {
        requireNonNull(domain, "domain is null");
        return removed
                ? "This channel no longer follows " + domain + "."
                : "This channel does not follow " + domain + "; /mtasts list shows what it follows.";
    }

    /** The first line of a list reply. */
    public static String listHeadline(int count, int perChannelLimit) {
        if (count == 0) {
            return "This channel follows no domains. /mtasts subscribe example.com makes it follow one.";
        }
        return "This channel follows " + count + (count == 1 ? " domain" : " domains") + " (at most " + perChannelLimit
                + "):";
    }

    /** "example.com: fail, checked 12 min ago, next check in 48 min", or why it is paused. */
    public static String listLine(SubscriptionOverview overview, Instant now) {
        requireNonNull(overview, "overview is null");
        requireNonNull(now, "now is null");
        Subscription subscription = overview.subscription();
        StringBuilder line = new StringBuilder(subscription.domain()).append(": ");
        switch (subscription.state()) {
            case PAUSED -> {
                line.append("paused after ")
                        .append(subscription.consecutiveFailures())
                        .append(" failed deliveries");
                subscription
                        .lastFailure()
                        .ifPresent(reason -> line.append(" (").append(reason).append(')'));
                line.append("; subscribe again to resume");
                return line.toString();
            }
            case ACTIVE -> {}
        }
        line.append(overview.lastStatus().map(status -> status.label()).orElse("not checked yet"));
        overview.lastCheckedAt().ifPresent(at -> line.append(", checked ").append(ago(at, now)));
        overview.nextCheckAt().ifPresent(at -> line.append(", next check ").append(until(at, now)));
        return line.toString();
    }

    static String ago(Instant then, Instant now) {
        Duration elapsed = Duration.between(then, now);
        if (elapsed.compareTo(Duration.ofMinutes(1)) < 0) {
            return "just now";
        }
        return FixTimes.human(elapsed.minusSeconds(59)) + " ago";
    }

    static String until(Instant then, Instant now) {
        Duration left = Duration.between(now, then);
        if (left.compareTo(Duration.ofMinutes(1)) < 0) {
            return "due now";
        }
        return "in " + FixTimes.human(left);
    }

    private static String domains(int count) {
        return count + (count == 1 ? " domain" : " domains");
    }

    private static String every(Duration interval) {
        if (interval.compareTo(Duration.ofMinutes(1)) < 0) {
            return interval.toSeconds() + " s";
        }
        return FixTimes.human(interval);
    }
}
