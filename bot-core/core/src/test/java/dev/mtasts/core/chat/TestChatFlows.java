package dev.mtasts.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckService;
import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.dispatch.CheckDispatcher;
import dev.mtasts.core.dispatch.DispatchSettings;
import dev.mtasts.core.dispatch.DomainRunner;
import dev.mtasts.core.dispatch.Origin;
import dev.mtasts.core.dispatch.RateLimit;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.subscription.ChannelRef;
import dev.mtasts.core.subscription.InMemorySubscriptionStore;
import dev.mtasts.core.subscription.Platform;
import dev.mtasts.core.subscription.SubscribeResult;
import dev.mtasts.core.subscription.SubscriptionLimits;
import dev.mtasts.core.subscription.SubscriptionService;
import dev.mtasts.core.subscription.SubscriptionSettings;
import dev.mtasts.core.subscription.SubscriptionStore;
import dev.mtasts.core.subscription.SubscriptionStoreException;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Remediation;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chat flows' contract, against a fake platform port: what each flow says, where, and in which order; what it
 * stores; and that quick refusals come before any acknowledgement while slow work comes after one.
 */
class TestChatFlows {
    private static final Platform FAKE = Platform.of("FAKE", "room");
    private static final ChannelRef ROOM = new ChannelRef(FAKE, "W1", "C1");
    private static final String POLICY = "version: STSv1\nmode: testing\nmx: mx.example.com\nmax_age: 86400\n";

    private final FakeRunner runner = new FakeRunner();
    /** The report store of the tests that do not read TLS reports. */
    private static final TlsReports NO_REPORTS = (domain, days) -> {
        throw new IllegalStateException("this test keeps no TLS reports");
    };

    private final InMemorySubscriptionStore store = new InMemorySubscriptionStore();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closing) {
            closeable.close();
        }
    }

    @Test
    void aCheckIsAcknowledgedPubliclyThenShowsProgressAndTheReportWithItsProblems() {
        ChatFlows flows = flows(service(store), NO_REPORTS, DispatchSettings.defaults());
        FakePort port = new FakePort("U1");
        runner.gate = new java.util.concurrent.CountDownLatch(1);

        assertThat(flows.command(ChatCommand.parse("Example.COM"), port)).isEmpty();

        port.await("progress", ChatProgress.Starting.class);
        runner.gate.countDown();
        ChatFinish.Reported reported = port.await("finish", ChatFinish.Reported.class);
        assertThat(port.acknowledged()).containsExactly(ChatPort.Answer.PUBLIC);
        assertThat(port.first("progress")).isInstanceOf(ChatProgress.Starting.class);
        assertThat(port.all("progress"))
                .anySatisfy(progress -> assertThat(progress).isInstanceOf(ChatProgress.Running.class));
        assertThat(reported.report().domain()).isEqualTo("example.com");
        assertThat(reported.recheck()).isFalse();
        assertThat(reported.followed()).isFalse();
        assertThat(reported.problems()).extracting(CheckReport::id).containsExactly("alpha");
        assertThat(port.all("private")).isEmpty();
    }

    @Test
    void aQueuedCheckShowsItsPlaceThenRunsAndOverlappingChecksShareOneRun() {
        ChatFlows flows =
                flows(service(store), NO_REPORTS, DispatchSettings.defaults().withWorkers(1));
        runner.gate = new java.util.concurrent.CountDownLatch(1);
        FakePort first = new FakePort("U1");
        flows.command(ChatCommand.parse("example.com"), first);
        first.await("progress", ChatProgress.Starting.class);
        FakePort queued = new FakePort("U2");
        FakePort sharing = new FakePort("U3");

        flows.command(ChatCommand.parse("example.org"), queued);
        flows.command(ChatCommand.parse("example.com"), sharing);

        assertThat(queued.await("progress", ChatProgress.Queued.class).ahead()).isZero();
        runner.gate.countDown();
        assertThat(queued.await("finish", ChatFinish.Reported.class).report().domain())
                .isEqualTo("example.org");
        assertThat(queued.order()).containsSubsequence("progress", "progress", "finish");
        sharing.await("finish", ChatFinish.Reported.class);
        first.await("finish", ChatFinish.Reported.class);
        assertThat(runner.runs("example.com"))
                .as("overlapping checks share one run")
                .isEqualTo(1);
    }

    @Test
    void reCheckBypassesTheCacheAndSaysItWasARecheck() {
        ChatFlows flows =
                flows(service(store), NO_REPORTS, DispatchSettings.defaults().withRecheckCooldown(Duration.ZERO));
        FakePort first = new FakePort("U1");
        flows.command(ChatCommand.parse("check example.com"), first);
        first.await("finish", ChatFinish.Reported.class);
        FakePort cached = new FakePort("U1");
        flows.command(ChatCommand.parse("check example.com"), cached);
        cached.await("finish", ChatFinish.Reported.class);
        assertThat(runner.runs("example.com"))
                .as("the second check is answered from the cache")
                .isEqualTo(1);

        FakePort recheck = new FakePort("U2");
        assertThat(flows.button(ChatButton.RECHECK, "example.com", recheck)).isEmpty();

        assertThat(recheck.await("finish", ChatFinish.Reported.class).recheck()).isTrue();
        assertThat(runner.runs("example.com")).isEqualTo(2);
    }

    @Test
    void aRateLimitIsToldPrivatelyBeforeAnyAcknowledgement() {
        ChatFlows flows = flows(
                service(store),
                NO_REPORTS,
                DispatchSettings.defaults().withPerUser(new RateLimit(1, Duration.ofHours(1))));
        FakePort allowed = new FakePort("U1");
        flows.command(ChatCommand.parse("example.com"), allowed);
        FakePort limited = new FakePort("U1");

        flows.command(ChatCommand.parse("example.org"), limited);

        ChatReply.Notice notice = limited.await("private", ChatReply.Notice.class);
        assertThat(notice.text()).containsIgnoringCase("try again in 60 min");
        assertThat(limited.acknowledged()).isEmpty();
        assertThat(limited.privateBeforeAcknowledgement()).isTrue();
        assertThat(limited.all("progress")).isEmpty();
    }

    @Test
    void aFailedCheckFinishesWithTheReasonAndNoReport() {
        ChatFlows flows = flows(service(store), NO_REPORTS, DispatchSettings.defaults());
        FakePort port = new FakePort("U1");

        flows.command(ChatCommand.parse("broken.example"), port);

        ChatFinish.Failed failed = port.await("finish", ChatFinish.Failed.class);
        assertThat(failed.domain()).isEqualTo("broken.example");
        assertThat(failed.reason()).contains("broken.example").doesNotContain("boom");
    }

    @Test
    void showPolicyUsesTheShownReportOrChecksAndPostsTheFileAsDetails() {
        ChatFlows flows = flows(service(store), NO_REPORTS, DispatchSettings.defaults());
        FakePort shown = new FakePort("U1");
        shown.shown = Optional.of(runner.report("example.com"));

        flows.button(ChatButton.SHOW_POLICY, "example.com", shown);

        ChatReply.Policy policy = shown.await("details", ChatReply.Policy.class);
        assertThat(policy.policy()).isEqualTo(new PolicyText.Fetched(POLICY));
        assertThat(shown.acknowledged()).containsExactly(ChatPort.Answer.DETAILS);
        assertThat(runner.runs("example.com")).isZero();

        FakePort fresh = new FakePort("U1");
        flows.button(ChatButton.SHOW_POLICY, "example.net", fresh);
        assertThat(fresh.await("details", ChatReply.Policy.class).domain()).isEqualTo("example.net");
        assertThat(runner.runs("example.net")).isEqualTo(1);
    }

    @Test
    void aButtonWithABadDomainIsAnsweredAtOnce() {
        ChatFlows flows = flows(service(store), NO_REPORTS, DispatchSettings.defaults());

        Optional<ChatReply> answer = flows.button(ChatButton.RECHECK, "<!channel>", new FakePort("U1"));

        assertThat(answer).get().isInstanceOf(ChatReply.Invalid.class);
    }

    @Test
    void subscribeConfirmsInTheChannelThenTheCheckThatFollowsIsTheBaseline() {
        ChatFlows flows = flows(service(store), NO_REPORTS, DispatchSettings.defaults());
        FakePort port = new FakePort("U1");

        assertThat(flows.command(ChatCommand.parse("subscribe https://Example.com/"), port))
                .isEmpty();

        ChatFinish.Reported reported = port.await("finish", ChatFinish.Reported.class);
        ChatReply.Subscribed confirmation = (ChatReply.Subscribed) port.first("channel");
        assertThat(confirmation.result()).isInstanceOf(SubscribeResult.Subscribed.class);
        assertThat(confirmation.domain()).isEqualTo("example.com");
        assertThat(port.order()).containsSubsequence("channel", "progress", "finish");
        assertThat(reported.followed()).as("the report offers Unsubscribe").isTrue();
        awaitTrue(() -> store.list(ROOM).stream()
                .anyMatch(overview -> overview.lastCheckedAt().isPresent()));
        assertThat(store.list(ROOM)).singleElement().satisfies(overview -> assertThat(
                        overview.subscription().createdBy())
                .isEqualTo("U1"));
    }

    @Test
    void subscribingUnderAShownReportMakesItTheBaselineWithoutACheck() {
        ChatFlows flows = flows(service(store), NO_REPORTS, DispatchSettings.defaults());
        FakePort port = new FakePort("U1");
        port.shown = Optional.of(runner.report("example.com"));

        flows.button(ChatButton.SUBSCRIBE, "example.com", port);

        assertThat(port.await("following", String.class)).isEqualTo("example.com followed");
        assertThat(runner.runs("example.com")).isZero();
        awaitTrue(() -> store.list(ROOM).stream()
                .anyMatch(overview -> overview.lastCheckedAt().isPresent()));
    }

    @Test
    void subscribingAgainIsAnsweredPrivately() {
        ChatFlows flows = flows(service(store), NO_REPORTS, DispatchSettings.defaults());
        FakePort first = new FakePort("U1");
        flows.command(ChatCommand.parse("subscribe example.com"), first);
        first.await("finish", ChatFinish.Reported.class);
        FakePort again = new FakePort("U1");

        flows.command(ChatCommand.parse("subscribe example.com"), again);

        ChatReply.Subscribed answer = again.await("private", ChatReply.Subscribed.class);
        assertThat(answer.result()).isInstanceOf(SubscribeResult.AlreadySubscribed.class);
        assertThat(again.all("channel")).isEmpty();
        assertThat(runner.runs("example.com")).isEqualTo(1);
    }

    @Test
    void aRefusedPermissionIsToldAtOnceWhenThePlatformKnowsAndAfterTheAcknowledgementWhenItAsks() {
        ChatFlows flows = flows(service(store), NO_REPORTS, DispatchSettings.defaults());
        FakePort known = new FakePort("U1");
        known.permission = CompletableFuture.completedFuture(false);

        flows.command(ChatCommand.parse("subscribe example.com"), known);

        assertThat(known.await("private", ChatReply.NotAllowed.class)).isNotNull();
        assertThat(known.acknowledged()).isEmpty();

        FakePort asked = new FakePort("U1");
        asked.permission = new CompletableFuture<>();
        flows.command(ChatCommand.parse("unsubscribe example.com"), asked);
        assertThat(asked.acknowledged()).containsExactly(ChatPort.Answer.PUBLIC);
        asked.permission.complete(false);
        assertThat(asked.await("private", ChatReply.NotAllowed.class)).isNotNull();
        assertThat(store.overview()).isEmpty();
    }

    @Test
    void aChannelThatCannotFollowIsToldWhyAndNothingIsStored() {
        ChatFlows flows = flows(service(store), NO_REPORTS, DispatchSettings.defaults());
        FakePort dm = new FakePort("U1");
        dm.notHere = Optional.of(new ChatReply.Notice("not in a DM"));

        flows.command(ChatCommand.parse("subscribe example.com"), dm);

        assertThat(dm.await("private", ChatReply.Notice.class).text()).isEqualTo("not in a DM");

        FakePort refusing = new FakePort("U1");
        refusing.canPost = false;
        flows.command(ChatCommand.parse("subscribe example.com"), refusing);
        assertThat(refusing.await("private", ChatReply.CannotPost.class).domain())
                .isEqualTo("example.com");
        assertThat(store.overview()).as("the subscription is undone").isEmpty();
        assertThat(runner.runs("example.com")).isZero();
    }

    @Test
    void aStoreFailureIsAFriendlySentenceWithAReferenceAndNoDetails() {
        ChatFlows flows = flows(service(failingStore()), NO_REPORTS, DispatchSettings.defaults());

        for (String command : List.of("subscribe example.com", "unsubscribe example.com", "list")) {
            FakePort port = new FakePort("U1");
            flows.command(ChatCommand.parse(command), port);
            ChatReply.Notice notice = port.await("private", ChatReply.Notice.class);
            assertThat(notice.text())
                    .contains("the subscription database is not answering")
                    .containsPattern("reference [0-9a-f]{8}")
                    .doesNotContain("jdbc")
                    .doesNotContain("db.internal");
        }
    }

    @Test
    void unsubscribeIsSeenByTheChannelWhenSomethingChangedAndOtherwiseOnlyByTheUser() {
        ChatFlows flows = flows(service(store), NO_REPORTS, DispatchSettings.defaults());
        FakePort subscribe = new FakePort("U1");
        flows.command(ChatCommand.parse("subscribe example.com"), subscribe);
        subscribe.await("finish", ChatFinish.Reported.class);

        FakePort unsubscribe = new FakePort("U1");
        flows.button(ChatButton.UNSUBSCRIBE, "example.com", unsubscribe);

        assertThat(unsubscribe.await("channel", ChatReply.Unsubscribed.class).removed())
                .isTrue();
        assertThat(unsubscribe.await("following", String.class)).isEqualTo("example.com not followed");
        assertThat(store.overview()).isEmpty();

        FakePort again = new FakePort("U1");
        flows.command(ChatCommand.parse("unsubscribe example.com"), again);
        assertThat(again.await("private", ChatReply.Unsubscribed.class).removed())
                .isFalse();
    }

    @Test
    void listIsPrivateAndReadAfterTheAcknowledgement() {
        ChatFlows flows = flows(service(store), NO_REPORTS, DispatchSettings.defaults());
        FakePort subscribe = new FakePort("U1");
        flows.command(ChatCommand.parse("subscribe example.com"), subscribe);
        subscribe.await("finish", ChatFinish.Reported.class);
        FakePort port = new FakePort("U9");
        port.permission = CompletableFuture.completedFuture(false);

        assertThat(flows.command(ChatCommand.parse("list"), port)).isEmpty();

        ChatReply.SubscriptionList list = port.await("private", ChatReply.SubscriptionList.class);
        assertThat(port.acknowledged()).containsExactly(ChatPort.Answer.PRIVATE);
        assertThat(list.subscriptions()).singleElement().satisfies(overview -> assertThat(
                        overview.subscription().domain())
                .isEqualTo("example.com"));
        assertThat(list.perChannelLimit()).isEqualTo(5);
    }

    @Test
    void helpAndBadInputAreAnsweredAtOnce() {
        ChatFlows flows = flows(service(store), NO_REPORTS, DispatchSettings.defaults());

        assertThat(flows.command(ChatCommand.parse(""), new FakePort("U1")))
                .get()
                .isInstanceOf(ChatReply.Help.class);
        assertThat(flows.command(ChatCommand.parse("check"), new FakePort("U1")))
                .get()
                .isInstanceOfSatisfying(ChatReply.Invalid.class, invalid -> assertThat(invalid.reason())
                        .contains("'check' needs a domain"));
        assertThat(runner.runs("example.com")).isZero();
    }

    @Test
    void historyIsPrivateAndCutToThePlatformsSize() {
        ChatFlows flows = flows(service(store), NO_REPORTS, DispatchSettings.defaults());
        FakePort port = new FakePort("U1");

        flows.command(ChatCommand.parse("history example.com"), port);

        ChatReply.History history = port.await("private", ChatReply.History.class);
        assertThat(port.acknowledged()).containsExactly(ChatPort.Answer.PRIVATE);
        assertThat(history.answer()).isInstanceOf(ChatHistory.Answer.Shown.class);
        assertThat(runner.runs("example.com")).isZero();
    }

    @Test
    void reportsShowTheSummaryPrivatelyOrSayWhyNot() {
        TlsRptSummary summary = summary("example.com");
        ChatFlows flows = flows(
                service(store),
                (domain, days) -> {
                    if (domain.equals("down.example")) {
                        throw new IllegalStateException("jdbc:h2:/var/lib/secret");
                    }
                    assertThat(days).isEqualTo(TlsReports.DAYS);
                    return summary;
                },
                DispatchSettings.defaults());
        FakePort port = new FakePort("U1");

        flows.command(ChatCommand.parse("reports Example.com"), port);

        assertThat(port.await("private", ChatReply.TlsReport.class).summary()).isEqualTo(summary);
        assertThat(port.acknowledged()).containsExactly(ChatPort.Answer.PRIVATE);

        FakePort down = new FakePort("U1");
        flows.command(ChatCommand.parse("reports down.example"), down);
        assertThat(down.await("private", ChatReply.Notice.class).text())
                .containsPattern("reference [0-9a-f]{8}")
                .doesNotContain("jdbc");
    }

    @Test
    void theWordingSaysWhatToChangeWhenReady() {
        TlsRptSummary summary = summary("example.com");

        assertThat(TlsRptWording.overview(summary))
                .isEqualTo("3 reports from 2 organisations; 1000 sessions: 996 successful, 4 failed (0.40 %)");
        assertThat(TlsRptWording.verdict(summary)).isEqualTo("Safe to enforce");
        assertThat(TlsRptWording.steps(summary))
                .containsExactly(
                        "1. Change the policy file: mode: testing -> mode: enforce",
                        "2. Then publish the new id 20261204T000000: _mta-sts.example.com TXT \"v=STSv1;"
                                + " id=20261204T000000\"");
        assertThat(TlsRptWording.sections(summary))
                .extracting(TlsRptWording.Section::title)
                .containsExactly(
                        "Sending organisations", "Failures by result type", "Sessions by MX (successful / failed)");
    }

    static TlsRptSummary summary(String domain) {
        return new TlsRptSummary(
                domain,
                LocalDate.of(2026, 11, 4),
                LocalDate.of(2026, 12, 3),
                3,
                List.of("Google Inc.", "<!channel> Evil Org"),
                996,
                4,
                List.of(new TlsRptSummary.ResultTypeCount("certificate-expired", 4)),
                List.of(new TlsRptSummary.MxCount("mx.example.com", 996, 4)),
                Optional.empty(),
                new Readiness.Ready(
                        "20261204T000000",
                        "mode: testing -> mode: enforce",
                        "_mta-sts." + domain + " TXT \"v=STSv1; id=20261204T000000\"",
                        List.of("reports from 2 organisations over 30 days")));
    }

    private ChatFlows flows(SubscriptionService subscriptions, TlsReports reports, DispatchSettings settings) {
        CheckDispatcher dispatcher = new CheckDispatcher(runner, settings, Clock.systemUTC());
        ChatFlows flows = new ChatFlows("test", dispatcher, subscriptions, reports);
        closing.add(flows);
        closing.add(dispatcher);
        return flows;
    }

    private SubscriptionService service(SubscriptionStore store) {
        return new SubscriptionService(
                store,
                (domain, progress) -> runner.report(domain),
                new SubscriptionSettings(
                        Duration.ofHours(1),
                        0,
                        new SubscriptionLimits(5, 10),
                        3,
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(1)),
                Clock.systemUTC());
    }

    /** A store whose database is down: every call fails with the driver's (secret) message. */
    private static SubscriptionStore failingStore() {
        return (SubscriptionStore) Proxy.newProxyInstance(
                SubscriptionStore.class.getClassLoader(),
                new Class<?>[] {SubscriptionStore.class},
                (proxy, method, args) -> {
                    throw new SubscriptionStoreException(
                            "jdbc:postgresql://db.internal:5432/mtasts refused the connection");
                });
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("never true");
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A report with one failing check (alpha) and one passing (beta); {@code broken.example} throws. */
    static final class FakeRunner implements DomainRunner {
        private final ConcurrentHashMap<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        /** Checks wait for it, so that a test can watch their progress arrive. */
        volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);

        int runs(String domain) {
            AtomicInteger count = runs.get(domain);
            return count == null ? 0 : count.get();
        }

        Report report(String domain) {
            CheckReport alpha = CheckReport.completed(
                    "alpha",
                    "Alpha",
                    Duration.ZERO,
                    List.of(Finding.fail(
                            "alpha-broken",
                            "Alpha is broken",
                            new Remediation("Fix alpha", FixTime.of(Duration.ofMinutes(5), "5 min")))));
            CheckReport beta = CheckReport.completed(
                    "beta", "Beta", Duration.ZERO, List.of(Finding.pass("beta-fine", "Beta is fine")));
            return new Report(
                    domain,
                    domain,
                    Instant.now(),
                    Duration.ZERO,
                    Optional.empty(),
                    List.of(alpha, beta),
                    Optional.of(POLICY));
        }

        @Override
        public List<CheckService.CheckDefinition> checks() {
            return List.of(
                    new CheckService.CheckDefinition("alpha", "Alpha"),
                    new CheckService.CheckDefinition("beta", "Beta"));
        }

        @Override
        public Report check(DomainInput.Valid domain, ProgressListener progress) {
            runs.computeIfAbsent(domain.domain(), ignored -> new AtomicInteger())
                    .incrementAndGet();
            try {
                if (!gate.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (domain.domain().equals("broken.example")) {
                throw new IllegalStateException("boom");
            }
            Report report = report(domain.domain());
            progress.checkFinished(report.checks().get(0), 1, 2);
            progress.checkFinished(report.checks().get(1), 2, 2);
            return report;
        }
    }

    /** Records every call, in order, with whether it came before the acknowledgement. */
    static final class FakePort implements ChatPort {
        record Call(String kind, Object value, boolean acknowledged) {}

        private final String user;
        private final List<Call> calls = new CopyOnWriteArrayList<>();
        private final List<Answer> acknowledgements = new CopyOnWriteArrayList<>();
        volatile CompletableFuture<Boolean> permission = CompletableFuture.completedFuture(true);
        volatile Optional<Report> shown = Optional.empty();
        volatile Optional<ChatReply> notHere = Optional.empty();
        volatile boolean canPost = true;

        FakePort(String user) {
            this.user = user;
        }

        List<Answer> acknowledged() {
            return List.copyOf(acknowledgements);
        }

        boolean privateBeforeAcknowledgement() {
            return calls.stream().anyMatch(call -> call.kind().equals("private") && !call.acknowledged());
        }

        List<String> order() {
            return calls.stream().map(Call::kind).toList();
        }

        List<Object> all(String kind) {
            return calls.stream()
                    .filter(call -> call.kind().equals(kind))
                    .map(Call::value)
                    .toList();
        }

        Object first(String kind) {
            return all(kind).getFirst();
        }

        <T> T await(String kind, Class<T> type) {
            Predicate<Call> wanted = call -> call.kind().equals(kind) && type.isInstance(call.value());
            awaitTrue(() -> calls.stream().anyMatch(wanted));
            return type.cast(
                    calls.stream().filter(wanted).findFirst().orElseThrow().value());
        }

        private void record(String kind, Object value) {
            calls.add(new Call(kind, value, !acknowledgements.isEmpty()));
        }

        @Override
        public Origin origin() {
            return new Origin("fake", user, "W1/C1", Origin.Visibility.PUBLIC);
        }

        @Override
        public Optional<ChannelRef> channel() {
            return Optional.of(ROOM);
        }

        @Override
        public Optional<ChatReply> cannotFollowHere() {
            return notHere;
        }

        @Override
        public CompletableFuture<Boolean> mayManageSubscriptions() {
            return permission;
        }

        @Override
        public Optional<Report> shownReport(String domain) {
            return shown.filter(report -> report.domain().equals(domain));
        }

        @Override
        public int maxTextChars() {
            return 2000;
        }

        @Override
        public void acknowledge(Answer answer) {
            acknowledgements.add(answer);
        }

        @Override
        public void tellPrivately(ChatReply reply) {
            record("private", reply);
        }

        @Override
        public boolean postToChannel(ChatReply reply) {
            record("channel", reply);
            return canPost;
        }

        @Override
        public boolean showProgress(ChatProgress progress) {
            record("progress", progress);
            return true;
        }

        @Override
        public void finish(ChatFinish finish) {
            record("finish", finish);
        }

        @Override
        public void postDetails(ChatReply reply) {
            record("details", reply);
        }

        @Override
        public void showFollowing(String domain, boolean followed) {
            record("following", domain + (followed ? " followed" : " not followed"));
        }
    }
}
