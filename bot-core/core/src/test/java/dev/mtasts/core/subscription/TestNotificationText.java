package dev.mtasts.core.subscription;

import static dev.mtasts.core.subscription.Fixtures.T0;
import static dev.mtasts.core.subscription.Fixtures.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.spi.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestNotificationText {
    @Test
    void headlineNamesTheLoudestChangeAndCountsTheRest() {
        Notification notification = new Notification(
                "example.com",
                List.of(
                        new Change(
                                Change.Kind.POLICY_CHANGED_WITHOUT_ID_BUMP,
                                Change.Level.ALERT,
                                Optional.empty(),
                                "7",
                                "7",
                                Optional.empty()),
                        Change.of(Change.Kind.MODE, Change.Level.GOOD, "testing", "enforce"),
                        Change.of(Change.Kind.MAX_AGE, Change.Level.NOTICE, "86400", "604800")),
                healthy(T0, "7"));

        assertThat(NotificationText.headline(notification))
                .isEqualTo("example.com: policy changed without an id bump (+2 more changes)");
        assertThat(NotificationText.lines(notification))
                .containsExactly(
                        "Policy file changed, but the DNS id is still 7.",
                        "Mode: testing → enforce",
                        "max_age: 86400 → 604800 seconds");
        assertThat(notification.level()).isEqualTo(Change.Level.ALERT);
    }

    @Test
    void certificateLinesCountDaysFromTheCheck() {
        Instant notAfter = T0.plus(Duration.ofDays(9)).plus(Duration.ofHours(3));
        Change expiring = new Change(
                Change.Kind.CERTIFICATE_EXPIRING,
                Change.Level.ALERT,
                Optional.of("mta-sts.example.com"),
                notAfter.toString(),
                notAfter.toString(),
                Optional.empty());

        assertThat(NotificationText.describe(expiring, T0))
                .startsWith("Certificate of mta-sts.example.com expires in 9 days (2026-03-10 13:00 UTC)");
        assertThat(NotificationText.expiry(notAfter.toString(), notAfter.minus(Duration.ofHours(5))))
                .isEqualTo("expires in 5 hours");
        assertThat(NotificationText.expiry(notAfter.toString(), notAfter.plus(Duration.ofDays(2))))
                .isEqualTo("expired 2 days ago");
        assertThat(NotificationText.expiry(notAfter.toString(), notAfter.plus(Duration.ofHours(1))))
                .isEqualTo("has expired");
    }

    @Test
    void findingChangesQuoteTheMessageAndCode() {
        Change problem = new Change(
                Change.Kind.NEW_PROBLEM,
                Change.Level.ALERT,
                Optional.of("mx-unmatched"),
                Change.NONE,
                Severity.FAIL.label(),
                Optional.of("mx2.example.org matches no mx line"));
        Change fixed = new Change(
                Change.Kind.PROBLEM_FIXED,
                Change.Level.GOOD,
                Optional.of("mx-unmatched"),
                "fail",
                Change.NONE,
                Optional.of("mx2.example.org matches no mx line"));

        assertThat(NotificationText.describe(problem, T0))
                .isEqualTo("New problem (fail): mx2.example.org matches no mx line [mx-unmatched]");
        assertThat(NotificationText.describe(fixed, T0))
                .isEqualTo("Fixed: mx2.example.org matches no mx line [mx-unmatched]");
    }

    @Test
    void everyKindHasWording() {
        for (Change.Kind kind : Change.Kind.values()) {
            Change change = new Change(
                    kind,
                    Change.Level.NOTICE,
                    Optional.of("subject"),
                    T0.toString(),
                    T0.plus(Duration.ofDays(1)).toString(),
                    Optional.empty());
            assertThat(NotificationText.describe(change, T0)).isNotBlank();
            assertThat(NotificationText.summary(change, T0)).isNotBlank();
        }
    }
}
