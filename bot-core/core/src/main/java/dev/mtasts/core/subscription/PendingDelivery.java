package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One notification for one channel, claimed from the outbox by one instance for one attempt.
 *
 * @param run the check run of the domain that produced the notification
 * @param owner the instance that claimed it
 */
public record PendingDelivery(
        String domain,
        long run,
        long subscriptionId,
        ChannelRef channel,
        Notification notification,
        String owner,
        DeliveryAttempt attempt) {
    public PendingDelivery {
        requireNonNull(domain, "domain is null");
        requireNonNull(channel, "channel is null");
        requireNonNull(notification, "notification is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(attempt, "attempt is null");
    }

    /** The idempotency key of (domain, run, subscription): 24 hex digits of a SHA-256. */
    public static String idempotencyKey(String domain, long run, long subscriptionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((domain + "\n" + run + "\n" + subscriptionId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
