package dev.mtasts.core.subscription;

import static dev.mtasts.core.subscription.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.spi.Severity;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestSubscriptionText {
    private static final ChannelRef CHANNEL = new ChannelRef(Platform.DISCORD, "111", "222");
    private static final Subscription ACTIVE =
            new Subscription(1, CHANNEL, "example.com", "U1", T0, Subscription.State.ACTIVE, 0, Optional.empty());

    @Test
    void repliesToSubscribe() {
        assertThat(SubscriptionText.subscribed(
                        new SubscribeResult.Subscribed(ACTIVE), "example.com", Platform.SLACK, Duration.ofHours(1)))
                .contains("now follows example.com")
                .contains("every 1 h")
                .contains("baseline");
        assertThat(SubscriptionText.subscribed(
                        new SubscribeResult.Resumed(ACTIVE, 5), "example.com", Platform.SLACK, Duration.ofHours(1)))
                .contains("paused after 5 failed deliveries");
        assertThat(SubscriptionText.subscribed(
                        new SubscribeResult.LimitReached(SubscribeResult.Scope.WORKSPACE, 500),
                        "example.com",
                        Platform.DISCORD,
                        Duration.ofHours(1)))
                .isEqualTo("This server already follows 500 domains, the most allowed. Unsubscribe a channel from"
                        + " one first.");
        assertThat(SubscriptionText.subscribed(
                        new SubscribeResult.LimitReached(SubscribeResult.Scope.CHANNEL, 50),
                        "example.com",
                        Platform.SLACK,
                        Duration.ofSeconds(30)))
                .startsWith("This channel already follows 50 domains, the most allowed.");
    }

    @Test
    void listLines() {
        SubscriptionOverview checked = new SubscriptionOverview(
                ACTIVE, Optional.of(Severity.FAIL), Optional.of(T0), Optional.of(T0.plus(Duration.ofMinutes(60))));
        SubscriptionOverview paused = new SubscriptionOverview(
                new Subscription(
                        2,
                        CHANNEL,
                        "example.org",
                        "U1",
                        T0,
                        Subscription.State.PAUSED,
                        5,
                        Optional.of("Missing Access")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());

        assertThat(SubscriptionText.listLine(checked, T0.plus(Duration.ofMinutes(12))))
                .isEqualTo("example.com: fail, checked 12 min ago, next check in 48 min");
        assertThat(SubscriptionText.listLine(paused, T0))
                .isEqualTo("example.org: paused after 5 failed deliveries (Missing Access); subscribe again to resume");
        assertThat(SubscriptionText.listHeadline(0, 50)).contains("follows no domains");
        assertThat(SubscriptionText.listHeadline(1, 50)).isEqualTo("This channel follows 1 domain (at most 50):");
    }
}
