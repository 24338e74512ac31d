package dev.mtasts.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import com.slack.api.model.block.SectionBlock;
import dev.mtasts.core.subscription.Change;
import dev.mtasts.core.subscription.ChannelRef;
import dev.mtasts.core.subscription.DeliveryAttempt;
import dev.mtasts.core.subscription.DeliveryResult;
import dev.mtasts.core.subscription.InMemorySubscriptionStore;
import dev.mtasts.core.subscription.Notification;
import dev.mtasts.core.subscription.PendingDelivery;
import dev.mtasts.core.subscription.Platform;
import dev.mtasts.core.subscription.Subscription;
import dev.mtasts.core.subscription.SubscriptionLimits;
import dev.mtasts.core.subscription.SubscriptionOverview;
import dev.mtasts.core.subscription.SubscriptionService;
import dev.mtasts.core.subscription.SubscriptionSettings;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Subscriptions through the real Bolt app against the fake Slack: commands, buttons, the gate and the notifier. */
final class TestSlackSubscriptions {
    private static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");
    private static final ChannelRef C1 = new ChannelRef(Platform.SLACK, "T1", "C1");

    private final InMemorySubscriptionStore store = new InMemorySubscriptionStore();
    private SlackHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void start(SlackSetup.SubscribePermission permission, int perChannel) throws Exception {
        SubscriptionService service = new SubscriptionService(
                store,
                (domain, progress) -> TestingReports.failing(domain),
                new SubscriptionSettings(
                        Duration.ofHours(1),
                        0,
                        new SubscriptionLimits(perChannel, 10),
                        3,
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(1)),
                Clock.systemUTC());
        harness = new SlackHarness(
                FakeChecker.answering(TestingReports::failing), Duration.ofMillis(5), service, permission);
    }

    /**
     * {@code /mtasts list}: an empty ack (the store is read off Bolt's thread), then the list, to the user alone,
     * through the response URL.
     */
    private String list(String channel) throws Exception {
        int before = responses().size();
        HttpResponse<String> ack = command(channel, "list");
        assertThat(ack.body()).isEmpty();
        FakeSlack.await("the list", () -> responses().size() > before);
        FakeSlack.Call answer = responses().get(before);
        assertThat(answer.json().orElseThrow().get("response_type").getAsString())
                .isEqualTo("ephemeral");
        return answer.blocksText();
    }

    private HttpResponse<String> command(String channel, String text) throws Exception {
        return harness.requests.postForm(
                SignedRequests.slashCommandBody(channel, text, harness.slack.responseUrl("command-" + channel)));
    }

    private List<FakeSlack.Call> responses() {
        return harness.slack.calls("respond");
    }

    private List<FakeSlack.Call> parents(String channel) {
        return harness.slack.calls("chat.postMessage").stream()
                .filter(call -> channel.equals(call.params().get("channel"))
                        && !call.params().containsKey("thread_ts"))
                .toList();
    }

    @Test
    void subscribingConfirmsInTheChannelThenPostsTheBaselineReport() throws Exception {
        start(SlackSetup.SubscribePermission.EVERYONE, 5);

        HttpResponse<String> ack = command("C1", "subscribe https://Example.com/");

        assertThat(ack.statusCode()).isEqualTo(200);
        FakeSlack.await("the baseline report", () -> harness.slack.calls("chat.update").stream()
                .anyMatch(update -> update.param("text").equals("MTA-STS example.com: 1 check fails, 1 warns")));
        List<FakeSlack.Call> parents = parents("C1");
        assertThat(parents.get(0).blocksText())
                .contains("This channel now follows example.com")
                .contains("checked every 1 h")
                .contains("The report of this check is the baseline");
        assertThat(parents.get(1).blocksText()).contains("Checking example.com");
        FakeSlack.Call finalParent = harness.slack.calls("chat.update").getLast();
        assertThat(finalParent.blocks().toString())
                .as("the report under a followed domain offers Unsubscribe")
                .contains(SlackReportFormatter.UNSUBSCRIBE)
                .doesNotContain(SlackReportFormatter.SUBSCRIBE + "\"");
        FakeSlack.await("the baseline recorded", () -> store.list(C1).stream()
                .anyMatch(overview -> overview.lastCheckedAt().isPresent()));
        assertThat(store.list(C1)).singleElement().satisfies(overview -> assertThat(
                        overview.subscription().createdBy())
                .isEqualTo("U1"));
    }

    @Test
    void theSubscribeButtonUnderAReportSubscribesTheChannel() throws Exception {
        start(SlackSetup.SubscribePermission.EVERYONE, 5);

        harness.requests.postForm(SignedRequests.blockActionBody(
                "mtasts_subscribe", "example.com", "C1", "1700000000.000001", harness.slack.responseUrl("sub")));

        FakeSlack.await(
                "the confirmation in the report's thread", () -> harness.slack.calls("chat.postMessage").stream()
                        .anyMatch(call -> "C1".equals(call.params().get("channel"))
                                && "1700000000.000001".equals(call.params().get("thread_ts"))
                                && call.blocksText().contains("This channel now follows example.com")));
        assertThat(store.list(C1)).singleElement().satisfies(overview -> assertThat(
                        overview.subscription().domain())
                .isEqualTo("example.com"));
    }

    @Test
    void subscribingAgainOrOverTheLimitIsAnsweredPrivately() throws Exception {
        start(SlackSetup.SubscribePermission.EVERYONE, 1);
        command("C1", "subscribe example.com");
        FakeSlack.await("the baseline", () -> store.list(C1).stream()
                .anyMatch(overview -> overview.lastCheckedAt().isPresent()));

        command("C1", "subscribe example.com");
        command("C1", "subscribe example.org");

        FakeSlack.await("two private answers", () -> responses().size() == 2);
        assertThat(responses())
                .extracting(
                        call -> call.json().orElseThrow().get("response_type").getAsString())
                .containsOnly("ephemeral");
        assertThat(responses().stream().map(FakeSlack.Call::blocksText))
                .anySatisfy(text -> assertThat(text).contains("already follows example.com"))
                .anySatisfy(text -> assertThat(text).contains("already follows 1 domain, the most allowed"));
        assertThat(store.list(C1)).hasSize(1);
    }

    @Test
    void adminsOnlyRefusesOthersAndAsksSlackWhoIsAnAdmin() throws Exception {
        start(SlackSetup.SubscribePermission.ADMINS, 5);

        command("C1", "subscribe example.com");
        FakeSlack.await("the refusal", () -> responses().size() == 1);
        assertThat(responses().getFirst().blocksText()).contains("Only workspace admins and owners");
        assertThat(store.list(C1)).isEmpty();
        assertThat(harness.slack.calls("users.info")).singleElement().satisfies(call -> assertThat(call.param("user"))
                .isEqualTo("U1"));

        harness.slack.admin("U1");
        command("C1", "subscribe example.com");
        FakeSlack.await("the subscription", () -> store.list(C1).size() == 1);
    }

    @Test
    void aChannelTheBotCannotPostInIsNotSubscribed() throws Exception {
        start(SlackSetup.SubscribePermission.EVERYONE, 5);
        harness.slack.notInChannel("G1");

        command("G1", "subscribe example.com");

        FakeSlack.await("the hint", () -> responses().size() == 1);
        assertThat(responses().getFirst().blocksText())
                .contains("can't post in this channel")
                .contains("/invite");
        assertThat(store.overview()).isEmpty();
    }

    @Test
    void unsubscribeAndListAnswerInTheChannelAndPrivately() throws Exception {
        start(SlackSetup.SubscribePermission.EVERYONE, 5);
        command("C1", "subscribe example.com");
        FakeSlack.await("the baseline", () -> store.list(C1).stream()
                .anyMatch(overview -> overview.lastCheckedAt().isPresent()));

        assertThat(list("C1"))
                .contains("This channel follows 1 domain (at most 5)")
                .contains("example.com: fail");

        command("C1", "unsubscribe example.com");
        FakeSlack.await("the confirmation", () -> parents("C1").stream()
                .anyMatch(call -> call.blocksText().contains("no longer follows example.com")));
        assertThat(store.list(C1)).isEmpty();
        assertThat(list("C1")).contains("This channel follows no domains");
    }

    @Test
    void notifierPostsTheChangesWithItsKeyAndTheNewProblemsInTheThread() throws Exception {
        start(SlackSetup.SubscribePermission.EVERYONE, 5);
        SlackNotifier notifier = new SlackNotifier(harness.web, harness.outbox);
        Notification notification = notification();
        String key = PendingDelivery.idempotencyKey("example.com", 7, 1);

        DeliveryResult result = notifier.deliver(C1, notification, new DeliveryAttempt(key, 1, false));

        assertThat(result).isEqualTo(DeliveryResult.delivered());
        FakeSlack.Call parent = parents("C1").getFirst();
        assertThat(parent.param("text")).isEqualTo("example.com: status pass → fail (+1 more change)");
        assertThat(parent.blocksText()).contains("Status: pass → fail").contains("New problem (fail)");
        assertThat(JsonParser.parseString(parent.param("metadata")).toString()).contains(key);
        FakeSlack.await(
                "the thread reply",
                () -> harness.slack.calls("chat.postMessage").size() == 2);
        FakeSlack.Call reply = harness.slack.calls("chat.postMessage").get(1);
        assertThat(reply.param("thread_ts")).isEqualTo("1700000000.000100");
        assertThat(reply.blocksText())
                .contains("*MTA-STS DNS record* — fail")
                .contains("Publish exactly one TXT record");
    }

    @Test
    void anAttemptInDoubtThatAlreadyLandedIsNotPostedAgain() throws Exception {
        start(SlackSetup.SubscribePermission.EVERYONE, 5);
        SlackNotifier notifier = new SlackNotifier(harness.web, harness.outbox);
        String key = PendingDelivery.idempotencyKey("example.com", 8, 1);
        notifier.deliver(C1, notification(), new DeliveryAttempt(key, 1, false));
        FakeSlack.await(
                "the first delivery",
                () -> harness.slack.calls("chat.postMessage").size() == 2);

        DeliveryResult again = notifier.deliver(C1, notification(), new DeliveryAttempt(key, 2, true));
        DeliveryResult other = notifier.deliver(
                C1, notification(), new DeliveryAttempt(PendingDelivery.idempotencyKey("example.com", 9, 1), 2, true));

        assertThat(again).isEqualTo(DeliveryResult.delivered());
        assertThat(other).isEqualTo(DeliveryResult.delivered());
        assertThat(parents("C1")).as("only the other key was posted again").hasSize(2);
    }

    @Test
    void aDeletedChannelIsAPermanentFailure() throws Exception {
        start(SlackSetup.SubscribePermission.EVERYONE, 5);
        harness.slack.notInChannel("C9");
        SlackNotifier notifier = new SlackNotifier(harness.web, harness.outbox);

        DeliveryResult result = notifier.deliver(
                new ChannelRef(Platform.SLACK, "T1", "C9"),
                notification(),
                new DeliveryAttempt(PendingDelivery.idempotencyKey("example.com", 1, 1), 1, false));

        assertThat(result).isEqualTo(DeliveryResult.permanent("not_in_channel"));
    }

    @Test
    void notificationsEscapeUntrustedText() {
        String parent = Golden.json(SlackSubscriptionFormatter.notification(notification()))
                .toString();
        String replies = SlackSubscriptionFormatter.notificationReplies(notification()).stream()
                .map(message -> Golden.json(message).toString())
                .reduce("", String::concat);

        assertThat(parent + replies).contains("&lt;!channel&gt;").doesNotContain("<!channel>");
    }

    @Test
    void aLongListStaysWithinSlacksSectionLimitAndCountsWhatItLeavesOut() {
        // lines of every length from 150 to 200 characters: for some of them the last section fills up to its last few
        // characters, where the "… and N more" note used to push it over Slack's limit of 3000
        for (int padding = 0; padding <= 50; padding++) {
            List<SubscriptionOverview> overviews = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                String domain = "d" + (1000 + i) + "." + "a".repeat(60 + padding) + ".example";
                overviews.add(new SubscriptionOverview(
                        new Subscription(i, C1, domain, "U1", NOW, Subscription.State.ACTIVE, 0, Optional.empty()),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));
            }

            SlackMessage listing = SlackSubscriptionFormatter.list(overviews, 3000, NOW);

            List<String> sections = listing.blocks().stream()
                    .filter(SectionBlock.class::isInstance)
                    .map(block -> ((SectionBlock) block).getText().getText())
                    .toList();
            assertThat(sections).allSatisfy(text -> assertThat(text.length()).isLessThanOrEqualTo(3000));
            assertThat(listing.blocks()).hasSizeLessThanOrEqualTo(SlackMessage.MAX_BLOCKS);
            String last = sections.getLast();
            Matcher more = Pattern.compile("… and (\\d+) more$").matcher(last);
            assertThat(more.find())
                    .as("the last section says how many are left out")
                    .isTrue();
            long shown = sections.stream()
                    .flatMap(String::lines)
                    .filter(line -> line.contains(".example"))
                    .count();
            assertThat(shown + Integer.parseInt(more.group(1))).isEqualTo(3000);
        }
    }

    @Test
    void listingNeedsNoPermission() throws Exception {
        start(SlackSetup.SubscribePermission.ADMINS, 5);
        assertThat(list("C1")).contains("This channel follows no domains");
        List<SubscriptionOverview> none = store.list(C1);
        assertThat(none).isEmpty();
        assertThat(harness.slack.calls("users.info")).isEmpty();
    }

    private static Notification notification() {
        return new Notification(
                "example.com",
                List.of(
                        Change.of(Change.Kind.STATUS, Change.Level.ALERT, "pass", "fail"),
                        new Change(
                                Change.Kind.NEW_PROBLEM,
                                Change.Level.ALERT,
                                Optional.of("dns-record-multiple"),
                                Change.NONE,
                                "fail",
                                Optional.of("Two v=STSv1 records <!channel> & friends"))),
                TestingReports.failing("example.com"));
    }
}
