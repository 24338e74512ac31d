package dev.mtasts.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestSubscriptionFailure {
    @Test
    void aStoreFailureIsAFriendlySentenceWithAReferenceAndNoDetails() {
        SubscriptionStoreException failure = new SubscriptionStoreException(
                "could not subscribe",
                new IllegalStateException("Database may be already in use: /var/lib/mtasts/mtasts.mv.db db.internal"));

        String text = SubscriptionFailure.describe("Subscribing to example.com", failure);

        assertThat(text)
                .startsWith("Subscribing to example.com failed: the subscription database is not answering right now")
                .containsPattern("reference [0-9a-f]{8}\\.$")
                .doesNotContain("/var/lib", "db.internal", "mv.db", "could not subscribe");
        assertThat(SubscriptionFailure.describe("Subscribing to example.com", failure))
                .as("each failure has its own reference")
                .isNotEqualTo(text);
    }

    @Test
    void anyOtherFailureIsCalledABugWithAReference() {
        String text =
                SubscriptionFailure.describe("Listing this channel's subscriptions", new NullPointerException("x"));
        assertThat(text)
                .contains("failed unexpectedly; this is a bug in mtasts")
                .containsPattern("reference [0-9a-f]{8}");
    }
}
