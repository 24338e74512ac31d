package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One attempt to post one notification to one channel.
 *
 * @param idempotencyKey the same for every attempt of this (domain, check run, channel), and unique otherwise: 24
 *     lower-case hex digits, short enough for a Discord message nonce (at most 25 characters)
 * @param number 1 for the first attempt
 * @param inDoubt an earlier attempt started and never recorded its outcome (the instance died mid-post): the message
 *     may already be in the channel, so a notifier that can look for it should, before posting again
 */
public record DeliveryAttempt(String idempotencyKey, int number, boolean inDoubt) {
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{24}");

    public DeliveryAttempt {
        requireNonNull(idempotencyKey, "idempotencyKey is null");
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw new IllegalArgumentException("not an idempotency key: " + idempotencyKey);
        }
        if (number < 1) {
            throw new IllegalArgumentException("attempt numbers start at 1, not " + number);
        }
    }
}
