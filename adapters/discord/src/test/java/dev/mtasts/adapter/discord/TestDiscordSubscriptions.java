package dev.mtasts.adapter.discord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.adapter.discord.FakeDiscord.Call;
import dev.mtasts.core.CheckReport;
import dev.mtasts.core.Report;
import dev.mtasts.core.subscription.Change;
import dev.mtasts.core.subscription.ChannelRef;
import dev.mtasts.core.subscription.DeliveryAttempt;
import dev.mtasts.core.subscription.DeliveryResult;
import dev.mtasts.core.subscription.InMemorySubscriptionStore;
import dev.mtasts.core.subscription.Notification;
import dev.mtasts.core.subscription.PendingDelivery;
import dev.mtasts.core.subscription.Platform;
import dev.mtasts.core.subscription.SubscriptionLimits;
import dev.mtasts.core.subscription.SubscriptionModule;
import dev.mtasts.core.subscription.SubscriptionSettings;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Remediation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Subscriptions through the real JDA front end against the fake Discord: the gate, the baseline, the notifier. */
final class TestDiscordSubscriptions {
    private static final ChannelRef CHANNEL =
            new ChannelRef(Platform.DISCORD, Long.toString(FakeDiscord.GUILD), Long.toString(FakeDiscord.CHANNEL));

    private final InMemorySubscriptionStore store = new InMemorySubscriptionStore();
    private DiscordHarness harness;
    private FakeDiscord discord;

    @BeforeEach
    void start() throws Exception {
        SubscriptionSettings settings = new SubscriptionSettings(
                Duration.ofHours(1), 0, new SubscriptionLimits(1, 10), 3, Duration.ofMinutes(5), Duration.ofSeconds(1));
        harness = DiscordHarness.start("", new SubscriptionModule(store, settings));
        discord = harness.discord;
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aManagerSubscribesAndTheReportThatFollowsIsTheBaseline() {
        String token = discord.slashCommand("subscribe", Optional.of("Example.COM"), List.of(FakeDiscord.ADMINS_ROLE));

        Call report = discord.await(
                "the baseline report",
                call -> call.is("PATCH", original(token))
                        && !call.json().getArray("components").isEmpty());

        Call callback =
                discord.await("the deferral", call -> call.is("POST", "interactions/\\d+/" + token + "/callback"));
        assertThat(callback.json().getInt("type")).isEqualTo(5);
        assertThat(report.json().getString("content"))
                .startsWith("This channel now follows example.com")
                .contains("The report of this check is the baseline");
        assertThat(report.json().getArray("embeds").getObject(0).getString("title"))
                .startsWith("example.com");
        awaitBaseline();
        assertThat(store.list(CHANNEL)).singleElement().satisfies(overview -> assertThat(
                        overview.subscription().createdBy())
                .isEqualTo(Long.toString(FakeDiscord.USER)));
    }

    @Test
    void membersWithoutManageServerAreRefusedAndNothingIsStored() {
        String token = discord.slashCommand("subscribe", Optional.of("example.com"), List.of());

        Call callback =
                discord.await("the refusal", call -> call.is("POST", "interactions/\\d+/" + token + "/callback"));

        assertThat(callback.json().getInt("type")).isEqualTo(4);
        assertThat(callback.json().getObject("data").getString("content"))
                .startsWith("Only members with the Manage Server");
        assertThat(store.overview()).isEmpty();
    }

    @Test
    void subscribingAgainOrBeyondTheLimitIsAnsweredPrivately() {
        discord.slashCommand("subscribe", Optional.of("example.com"), List.of(FakeDiscord.ADMINS_ROLE));
        awaitBaseline();

        String again = discord.slashCommand("subscribe", Optional.of("example.com"), List.of(FakeDiscord.ADMINS_ROLE));
        String beyond = discord.slashCommand("subscribe", Optional.of("example.org"), List.of(FakeDiscord.ADMINS_ROLE));

        assertThat(privateFollowUp(again).getString("content")).startsWith("This channel already follows example.com");
        assertThat(privateFollowUp(beyond).getString("content"))
                .startsWith("This channel already follows 1 domain, the most allowed");
        assertThat(store.overview()).hasSize(1);
    }

    @Test
    void listIsPrivateAndUnsubscribeIsSeenByTheChannel() {
        discord.slashCommand("subscribe", Optional.of("example.com"), List.of(FakeDiscord.ADMINS_ROLE));
        awaitBaseline();

        String list = discord.slashCommand("list", Optional.empty(), List.of());
        Call listed = discord.await("the list", call -> call.is("PATCH", original(list)));
        Call listCallback =
                discord.await("the list deferral", call -> call.is("POST", "interactions/\\d+/" + list + "/callback"));
        assertThat(listCallback.json().getObject("data").getInt("flags") & 64).isEqualTo(64);
        assertThat(listed.json().getString("content"))
                .contains("This channel follows 1 domain (at most 1)")
                .contains("example.com: ");

        String unsubscribe =
                discord.slashCommand("unsubscribe", Optional.of("example.com"), List.of(FakeDiscord.ADMINS_ROLE));
        Call confirmed = discord.await("the confirmation", call -> call.is("PATCH", original(unsubscribe)));
        assertThat(confirmed.json().getString("content")).isEqualTo("This channel no longer follows example.com.");
        assertThat(store.overview()).isEmpty();
    }

    @Test
    void notifierPostsWithANonceAndPutsTheNewProblemsInAThread() {
        DiscordNotifier notifier = new DiscordNotifier(discord.apiUrl(), new DiscordToken(FakeDiscord.TOKEN));
        String key = PendingDelivery.idempotencyKey("example.com", 3, 1);

        DeliveryResult result = notifier.deliver(CHANNEL, notification(), new DeliveryAttempt(key, 1, false));

        assertThat(result).isEqualTo(DeliveryResult.delivered());
        Call post = discord.await(
                "the notification", call -> call.is("POST", "channels/" + FakeDiscord.CHANNEL + "/messages"));
        DataObject message = post.json();
        assertThat(message.getString("nonce")).isEqualTo(key);
        assertThat(message.getBoolean("enforce_nonce")).isTrue();
        assertThat(message.getObject("allowed_mentions").getArray("parse").length())
                .isZero();
        DataObject embed = message.getArray("embeds").getObject(0);
        assertThat(embed.getString("title")).isEqualTo("example.com: status pass → fail (+1 more change)");
        assertThat(embed.getString("description"))
                .contains("Status: pass → fail")
                .contains("New problem (fail): Two records @\u200Beveryone")
                .doesNotContain("@everyone");
        assertThat(embed.getObject("footer").getString("text")).endsWith("ref " + key);
        Call thread = discord.await("the thread", call -> call.is("POST", "channels/\\d+/messages/\\d+/threads"));
        assertThat(thread.json().getString("name")).isEqualTo("MTA-STS change: example.com");
        Call detail = discord.await(
                "the detail",
                call -> call.method().equals("POST")
                        && call.path().matches("channels/\\d+/messages")
                        && !call.path().equals("channels/" + FakeDiscord.CHANNEL + "/messages"));
        assertThat(detail.json().getArray("embeds").getObject(0).getString("description"))
                .contains("Publish one record");
    }

    @Test
    void anAttemptInDoubtFindsItsEarlierPostAndDoesNotRepeatIt() {
        DiscordNotifier notifier = new DiscordNotifier(discord.apiUrl(), new DiscordToken(FakeDiscord.TOKEN));
        String key = PendingDelivery.idempotencyKey("example.com", 4, 1);
        notifier.deliver(CHANNEL, notification(), new DeliveryAttempt(key, 1, false));

        DeliveryResult again = notifier.deliver(CHANNEL, notification(), new DeliveryAttempt(key, 2, true));

        assertThat(again).isEqualTo(DeliveryResult.delivered());
        assertThat(discord.calls().stream()
                        .filter(call -> call.is("POST", "channels/" + FakeDiscord.CHANNEL + "/messages")))
                .hasSize(1);
    }

    @Test
    void aDeletedChannelIsPermanentAndABadTokenToo() {
        discord.unknownChannel(42);
        DiscordNotifier notifier = new DiscordNotifier(discord.apiUrl(), new DiscordToken(FakeDiscord.TOKEN));
        DeliveryAttempt attempt = new DeliveryAttempt(PendingDelivery.idempotencyKey("example.com", 5, 1), 1, false);

        DeliveryResult deleted = notifier.deliver(new ChannelRef(Platform.DISCORD, "1", "42"), notification(), attempt);
        DeliveryResult revoked = new DiscordNotifier(discord.apiUrl(), new DiscordToken("revoked"))
                .deliver(CHANNEL, notification(), attempt);

        assertThat(deleted).isEqualTo(DeliveryResult.permanent("HTTP 404 code 10003: Unknown Channel"));
        assertThat(revoked).isInstanceOf(DeliveryResult.PermanentFailure.class);
    }

    private void awaitBaseline() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (store.list(CHANNEL).stream()
                .noneMatch(overview -> overview.lastCheckedAt().isPresent())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the baseline was never recorded");
            }
            Thread.onSpinWait();
        }
    }

    /** The member-only follow-up that replaced a public deferral. */
    private DataObject privateFollowUp(String token) {
        discord.await("the deleted deferral", call -> call.is("DELETE", original(token)));
        Call followUp = discord.await(
                "the private answer",
                call -> call.is("POST", "webhooks/\\d+/" + token) && call.json().hasKey("content"));
        assertThat(followUp.json().getInt("flags") & 64).as("ephemeral flag").isEqualTo(64);
        return followUp.json();
    }

    private static String original(String token) {
        return "webhooks/" + FakeDiscord.APPLICATION + "/" + token + "/messages/@original";
    }

    private static Notification notification() {
        Report report = new Report(
                "example.com",
                "example.com",
                Instant.parse("2026-03-01T10:00:00Z"),
                Duration.ofMillis(300),
                Optional.empty(),
                List.of(CheckReport.completed(
                        "dns-record",
                        "MTA-STS DNS record",
                        Duration.ofMillis(20),
                        List.of(Finding.fail(
                                "sts-record-multiple",
                                "Two records @everyone",
                                new Remediation("Publish one record", FixTime.of(Duration.ofMinutes(5), "5 min")))))));
        return new Notification(
                "example.com",
                List.of(
                        Change.of(Change.Kind.STATUS, Change.Level.ALERT, "pass", "fail"),
                        new Change(
                                Change.Kind.NEW_PROBLEM,
                                Change.Level.ALERT,
                                Optional.of("sts-record-multiple"),
                                Change.NONE,
                                "fail",
                                Optional.of("Two records @everyone"))),
                report);
    }
}
