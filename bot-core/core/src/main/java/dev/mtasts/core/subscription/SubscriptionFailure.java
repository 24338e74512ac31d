package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What chat says when subscribing, unsubscribing or listing failed: a specific, friendly sentence with a reference id,
 * the same on every platform. The details (database host, driver message, file paths) go to the log under that
 * reference, never to the channel.
 */
public final class SubscriptionFailure {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionFailure.class);

    private SubscriptionFailure() {}

    /**
     * Logs {@code failure} and returns the sentence for the user.
     *
     * @param action what the user asked, as a gerund for the sentence: {@code Subscribing to example.com}
     */
    public static String describe(String action, RuntimeException failure) {
        requireNonNull(action, "action is null");
        requireNonNull(failure, "failure is null");
        String reference =
                HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        if (failure instanceof SubscriptionStoreException) {
            LOG.error("{} failed: the subscription store failed (reference {})", action, reference, failure);
            return action + " failed: the subscription database is not answering right now, so nothing changed."
                    + " Try again in a minute; if it keeps failing, give the operator the reference " + reference
                    + ".";
        }
        LOG.error("{} failed unexpectedly (reference {})", action, reference, failure);
        return action + " failed unexpectedly; this is a bug in mtasts. Try again in a minute; if it keeps failing,"
                + " give the operator the reference " + reference + ".";
    }
}
